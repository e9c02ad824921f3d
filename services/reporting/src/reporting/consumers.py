"""Reporting consumes every topic it has a read model for; types it does not handle are skipped and counted."""

from __future__ import annotations

from contracts import budget as budget_events
from contracts import inspections as inspection_events
from contracts import registry as registry_events
from contracts import training as training_events
from reporting import projections, projections_more, projections_oversight

HANDLERS = {
    registry_events.TenantCreated: projections.apply_province,
    registry_events.AgencyRegistered: projections.apply_agency,
    registry_events.AgencyUpdated: projections.apply_agency,
    registry_events.AgencyDissolved: projections.apply_agency,
    registry_events.AgencyMerged: projections.apply_agency,
    registry_events.QualitySystemStatusChanged: projections.apply_quality_status,
    registry_events.QualitySystemAnnounced: projections.apply_announcement,
    registry_events.OfficerAppointed: projections.apply_officer,
    registry_events.OfficerRemoved: projections.apply_officer,
    inspection_events.InspectionScheduled: projections.apply_inspection,
    inspection_events.InspectionConcluded: projections.apply_inspection,
    inspection_events.InspectionCancelled: projections.apply_inspection,
    training_events.ClassScheduled: projections_more.apply_training_class,
    training_events.ClassFinished: projections_more.apply_training_class,
    training_events.ClassCancelled: projections_more.apply_training_class,
    budget_events.LineEstimated: projections_more.apply_budget_line,
    budget_events.LineApproved: projections_more.apply_budget_line,
    budget_events.LineDisbursed: projections_more.apply_budget_line,
    budget_events.LineSettled: projections_more.apply_budget_line,
    registry_events.MaintenanceRecorded: projections_oversight.apply_maintenance,
    inspection_events.PlanApproved: projections_oversight.apply_plan,
    inspection_events.RecommendationIssued: projections_oversight.apply_recommendation,
    inspection_events.RecommendationClosed: projections_oversight.apply_recommendation,
    inspection_events.RecommendationReopened: projections_oversight.apply_recommendation,
    inspection_events.RecommendationRetargeted: projections_oversight.apply_recommendation,
    training_events.CertificateIssued: projections_oversight.apply_certificate,
}
