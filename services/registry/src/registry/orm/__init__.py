"""Tables of the registry; declarative models used by the use cases."""

from registry.orm.agencies import Agency, AgencyHistoryEntry, AgencyOfficer, AgencySuccession, Tenant
from registry.orm.attachments import Attachment
from registry.orm.base import Base
from registry.orm.import_jobs import ImportJob
from registry.orm.provinces import ProvinceSuccession
from registry.orm.quality_systems import Announcement, MaintenanceRecord, QualitySystem, StatusSpan, StepDateCorrection
from registry.orm.reference import (
    AdministrativeUnit,
    DefaultSetting,
    LegalBasis,
    MaintenanceActivityType,
    ObligationRule,
    StandardVersion,
    TenantSetting,
    UnitSuccession,
)

__all__ = [
    "AdministrativeUnit", "Agency", "AgencyHistoryEntry", "AgencyOfficer", "AgencySuccession", "Announcement",
    "Attachment", "Base", "DefaultSetting", "ImportJob", "LegalBasis", "MaintenanceActivityType", "MaintenanceRecord",
    "ObligationRule", "ProvinceSuccession",
    "QualitySystem", "StandardVersion", "StatusSpan", "StepDateCorrection", "Tenant", "TenantSetting", "UnitSuccession",
]
