"""The codes the services send, grouped by what they name. The group is the gettext context (msgctxt) under which the
catalogues translate a code: one code may mean different things in two services (`DONG` closes an inspection or a
recommendation, `DA_QUYET_TOAN` a class or a budget line), so each meaning has its own entry.

`tools/translations.py` writes every (context, code) below into the catalogues' template; `i18n.label` reads them.
"""

from __future__ import annotations

AGENCY_TYPE = "agency type"
ADMIN_LEVEL = "administrative level"
OBLIGATION = "obligation"
AGENCY_STATUS = "agency status"
SUCCESSION = "succession"
OFFICER_ROLE = "ISO officer role"
QS_STATUS = "quality system status"
QS_STEP = "quality system step"
ANNOUNCEMENT_KIND = "announcement kind"
STANDARD = "standard version"
BUILT_WITH = "quality system built with"
ACTIVITY = "maintenance activity"
SCOPE_REASON = "scope change reason"
FLAG = "register flag"
IMPORT_STATUS = "import job status"
ATTACHMENT = "attachment record"
PLAN_STATUS = "inspection plan status"
INSPECTION_STATUS = "inspection status"
INSPECTION_FORM = "inspection form"
INSPECTION_KIND = "inspection kind"
INSPECTION_RESULT = "inspection result"
INSPECTION_ORDER = "inspection list order"
AGENCY_ORDER = "agency list order"
CRITERION_RESULT = "criterion result"
FINDING = "finding type"
TEAM_ROLE = "team role"
RECOMMENDATION_STATUS = "recommendation status"
CLASS_STATUS = "class status"
CLASS_MOVE = "class status change"
QMS_ROLE = "participant's QMS role"
REGISTRATION_STATUS = "registration status"
REQUEST_STATUS = "training request status"
REPORT_STATUS = "report status"
REPORT_TYPE = "report type"
LINE_STATUS = "budget line status"
BUDGET_OWNER = "budget owner"
FUNDING_SOURCE = "funding source"
CATEGORY = "budget category"
CAP_CHECK = "cap check"
NOTICE_KIND = "notice kind"
ROLE = "role"

CODES: dict[str, tuple[str, ...]] = {
    AGENCY_TYPE: ("UBND_TINH", "SO", "CHI_CUC", "BAN_QL", "VP_DDBQH_HDND", "NGANH_DOC", "UBND_HUYEN",
                  "PHONG_CM_HUYEN", "UBND_XA", "TT_PVHCC", "DVSN"),
    ADMIN_LEVEL: ("TW_TAI_DIA_PHUONG", "TINH", "HUYEN", "XA"),
    OBLIGATION: ("BAT_BUOC", "BAT_BUOC_THEO_KH_TINH", "KHUYEN_KHICH", "KHONG_AP_DUNG"),
    AGENCY_STATUS: ("HOAT_DONG", "DA_SAP_NHAP", "DA_GIAI_THE", "DOI_TEN", "GIAI_THE", "SAP_NHAP"),
    SUCCESSION: ("CONTINUED", "MERGED"),
    OFFICER_ROLE: ("THU_KY_ISO", "DAI_DIEN_LANH_DAO"),
    QS_STATUS: ("CHUA_XAY_DUNG", "DANG_XAY_DUNG", "DANG_AP_DUNG", "DA_CONG_BO", "CAN_CONG_BO_LAI",
                "DANG_CHUYEN_DOI", "NGUNG_AP_DUNG"),
    QS_STEP: ("start-building", "apply", "announce", "change-scope", "start-transition", "receive"),
    ANNOUNCEMENT_KIND: ("LAN_DAU", "CONG_BO_LAI"),
    STANDARD: ("TCVN_ISO_9001_2008", "TCVN_ISO_9001_2015"),
    BUILT_WITH: ("TO_CHUC_TU_VAN", "CHUYEN_GIA_DOC_LAP", "TU_XAY_DUNG"),
    ACTIVITY: ("DANH_GIA_NOI_BO", "XEM_XET_LANH_DAO", "MUC_TIEU_CHAT_LUONG"),
    SCOPE_REASON: ("DIEU_CHINH_PHAM_VI", "MO_RONG_PHAM_VI", "THU_HEP_PHAM_VI", "SAP_XEP_TO_CHUC", "KHAC",
                   "CHUYEN_DOI_PHIEN_BAN"),  # why a system is announced again: its scope, or a new standard
    FLAG: ("overdue_maintenance", "overdue_reannouncement", "legacy_version", "no_iso_secretary",
           "scope_incomplete"),
    IMPORT_STATUS: ("queued", "running", "succeeded", "failed"),
    ATTACHMENT: ("quality_system", "announcement", "maintenance_record"),
    PLAN_STATUS: ("DU_THAO", "TRINH_UBND", "DA_PHE_DUYET", "DANG_THUC_HIEN", "DA_TONG_KET", "DIEU_CHINH"),
    INSPECTION_STATUS: ("DU_KIEN", "DA_THONG_BAO", "DANG_KIEM_TRA", "DA_LAP_BIEN_BAN", "DA_KET_LUAN",
                        "DANG_KHAC_PHUC", "DONG", "HOAN", "HUY"),
    INSPECTION_FORM: ("TRUC_TIEP_TAI_TRU_SO", "QUA_BAO_CAO_HO_SO"),
    INSPECTION_KIND: ("DINH_KY", "DOT_XUAT"),
    INSPECTION_RESULT: ("DAT", "DAT_CO_KHUYEN_NGHI", "KHONG_DAT"),
    INSPECTION_ORDER: ("newest", "oldest", "agency"),  # the inspections service's `order`, the page's default first
    AGENCY_ORDER: ("name", "type", "level"),  # the registry's `order`, its default first
    CRITERION_RESULT: ("DAT", "KHONG_DAT", "KHONG_AP_DUNG"),
    FINDING: ("KHONG_PHU_HOP", "KHUYEN_NGHI", "DIEM_MANH"),
    TEAM_ROLE: ("TRUONG_DOAN", "PHO_TRUONG_DOAN", "THANH_VIEN", "THU_KY_DOAN"),
    RECOMMENDATION_STATUS: ("MO", "DA_NOP_KHAC_PHUC", "DONG"),
    CLASS_STATUS: ("DU_KIEN", "MO_DANG_KY", "CHOT_DANH_SACH", "DANG_DIEN_RA", "DA_KET_THUC", "DA_QUYET_TOAN",
                   "HUY"),
    CLASS_MOVE: ("MO_DANG_KY", "CHOT_DANH_SACH", "DANG_DIEN_RA", "DA_KET_THUC", "DA_QUYET_TOAN", "HUY"),
    QMS_ROLE: ("THU_KY_ISO", "DAI_DIEN_LANH_DAO", "LANH_DAO", "CHUYEN_GIA_DANH_GIA_NOI_BO", "CAN_BO"),
    REGISTRATION_STATUS: ("CONFIRMED", "WAITLISTED", "CANCELLED"),
    REQUEST_STATUS: ("SUBMITTED", "APPROVED", "DECLINED"),
    REPORT_STATUS: ("DANG_LAP", "CHO_DUYET", "DA_DUYET", "DA_GUI", "DA_TIEP_NHAN", "YEU_CAU_BO_SUNG"),
    REPORT_TYPE: ("BC_6_THANG", "BC_TINH_NAM", "BC_DOT_XUAT"),
    LINE_STATUS: ("LAP_DU_TOAN", "DA_GIAO_DU_TOAN", "DANG_THUC_HIEN", "DA_QUYET_TOAN"),
    BUDGET_OWNER: ("AGENCY", "PROGRAMME"),
    FUNDING_SOURCE: ("NS_TINH", "NS_XA", "KINH_PHI_THUONG_XUYEN", "NS_TRUNG_UONG", "NGUON_KHAC"),
    CATEGORY: ("TU_VAN_XAY_DUNG_LAN_DAU", "TU_VAN_MO_RONG", "THUE_CHUYEN_GIA_DOC_LAP", "TU_XAY_DUNG_KHOAN",
               "CO_QUAN_THUC_HIEN", "DUY_TRI_CAI_TIEN", "CHUYEN_DOI_PHIEN_BAN", "DAO_TAO", "KIEM_TRA",
               "THUE_TO_CHUC_CHUNG_NHAN_PHOI_HOP_KIEM_TRA", "KHAC"),
    CAP_CHECK: ("OK", "VUOT_MUC", "KHONG_XAC_DINH"),
    NOTICE_KIND: ("UPKEEP_REMINDER",),
    ROLE: ("platform_admin", "national_viewer", "province_admin", "province_officer", "province_leader",
           "inspector", "agency_officer"),
}
