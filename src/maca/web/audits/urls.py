from django.urls import path

from .views import audits, cases, moderation, returns, summary

app_name = "audits"

urlpatterns = [
    path("audits/", audits.audit_list, name="audit-list"),
    path("audits/new/", audits.audit_commission, name="audit-commission"),
    path("audits/<int:pk>/", audits.audit_overview, name="audit-overview"),
    path("audits/<int:pk>/edit/", audits.audit_edit, name="audit-edit"),
    path("audits/<int:pk>/stage/", audits.audit_advance, name="audit-advance"),
    path("audits/<int:pk>/corrections/", audits.corrections_list, name="corrections"),
    path("audits/<int:pk>/cohort/", cases.cohort_upload, name="cohort-upload"),
    path("audits/<int:pk>/cases/new/", cases.case_add, name="case-add"),
    path("audits/<int:pk>/assign/", cases.assign_agencies, name="assign-agencies"),
    path("audits/<int:pk>/family-voice/new/", moderation.family_voice_add, name="family-voice-add"),
    path("audits/<int:pk>/summary/", summary.findings_summary, name="summary"),
    path("audits/<int:pk>/summary.csv", summary.findings_csv, name="summary-csv"),
    path("audits/<int:pk>/summary.xlsx", summary.findings_xlsx, name="summary-xlsx"),
    path("uploads/<int:pk>/undo/", cases.upload_undo, name="upload-undo"),
    path("cases/<int:pk>/", cases.case_detail, name="case-detail"),
    path("cases/<int:pk>/identifying/", cases.case_identifying, name="case-identifying"),
    path("cases/<int:pk>/withdraw/", cases.case_withdraw, name="case-withdraw"),
    path("cases/<int:pk>/moderation/", moderation.moderation, name="moderation"),
    path("cases/<int:pk>/findings/new/", moderation.finding_add, name="finding-add"),
    path("cases/<int:pk>/escalate/", moderation.escalate, name="escalate"),
    path("findings/<int:pk>/edit/", moderation.finding_edit, name="finding-edit"),
    path("findings/<int:pk>/delete/", moderation.finding_delete, name="finding-delete"),
    path("family-voices/<int:pk>/edit/", moderation.family_voice_edit, name="family-voice-edit"),
    path(
        "family-voices/<int:pk>/delete/", moderation.family_voice_delete, name="family-voice-delete"
    ),
    path("escalations/<int:pk>/outcome/", moderation.escalation_outcome, name="escalation-outcome"),
    path("assignments/<int:pk>/allocate/", cases.allocate, name="allocate"),
    path("returns/", returns.my_returns_list, name="my-returns"),
    path("returns/<int:pk>/", returns.return_overview, name="return-overview"),
    path("returns/<int:pk>/section/<str:key>/", returns.return_section, name="return-section"),
    path("returns/<int:pk>/submit/", returns.return_submit, name="return-submit"),
    path("returns/<int:pk>/sign-off/", returns.return_sign_off, name="return-sign-off"),
    path("returns/<int:pk>/send-back/", returns.return_send_back, name="return-send-back"),
    path("returns/<int:pk>/reopen/", returns.return_reopen, name="return-reopen"),
    path("returns/<int:pk>/chronology/new/", returns.chronology_add, name="chronology-add"),
    path("chronology/<int:pk>/edit/", returns.chronology_edit, name="chronology-edit"),
    path("chronology/<int:pk>/delete/", returns.chronology_delete, name="chronology-delete"),
]
