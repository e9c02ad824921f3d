"""Reporting consumes every topic it has a read model for; types it does not handle are skipped and counted."""

from __future__ import annotations

from contracts import budget as budget_events
from contracts import inspections as inspection_events
from contracts import registry as registry_events
from contracts import training as training_events
from reporting.projections import (
    budget_line,
    inspections_inspection,
    inspections_plan,
    inspections_recommendation,
    registry_agency,
    registry_maintenance,
    registry_officer,
    registry_quality_system,
    registry_tenant,
    training_certificate,
    training_class,
)

HANDLERS = {
    registry_events.TenantCreated: registry_tenant.apply_province,
    registry_events.AgencyRegistered: registry_agency.apply_agency,
    registry_events.AgencyUpdated: registry_agency.apply_agency,
    registry_events.AgencyDissolved: registry_agency.apply_agency,
    registry_events.AgencyMerged: registry_agency.apply_agency,
    registry_events.QualitySystemStatusChanged: registry_quality_system.apply_quality_status,
    registry_events.QualitySystemAnnounced: registry_quality_system.apply_announcement,
    registry_events.QualitySystemStepDateCorrected: registry_quality_system.apply_step_date_correction,
    registry_events.OfficerAppointed: registry_officer.apply_officer,
    registry_events.OfficerRemoved: registry_officer.apply_officer,
    inspection_events.InspectionScheduled: inspections_inspection.apply_inspection,
    inspection_events.InspectionConcluded: inspections_inspection.apply_inspection,
    inspection_events.InspectionCancelled: inspections_inspection.apply_inspection,
    inspection_events.InspectionRescheduled: inspections_inspection.apply_inspection,
    training_events.ClassScheduled: training_class.apply_training_class,
    training_events.ClassFinished: training_class.apply_training_class,
    training_events.ClassCancelled: training_class.apply_training_class,
    budget_events.LineEstimated: budget_line.apply_budget_line,
    budget_events.LineApproved: budget_line.apply_budget_line,
    budget_events.LineDisbursed: budget_line.apply_budget_line,
    budget_events.LineSettled: budget_line.apply_budget_line,
    registry_events.MaintenanceRecorded: registry_maintenance.apply_maintenance,
    inspection_events.PlanApproved: inspections_plan.apply_plan,
    inspection_events.RecommendationIssued: inspections_recommendation.apply_recommendation,
    inspection_events.RecommendationClosed: inspections_recommendation.apply_recommendation,
    inspection_events.RecommendationReopened: inspections_recommendation.apply_recommendation,
    inspection_events.RecommendationRetargeted: inspections_recommendation.apply_recommendation,
    training_events.CertificateIssued: training_certificate.apply_certificate,
}
