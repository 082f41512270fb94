from django.urls import path

from . import views

app_name = "chronology"

urlpatterns = [
    path("audits/<int:pk>/chronology/", views.uploads, name="uploads"),
    path("audits/<int:pk>/chronology/upload/", views.upload, name="upload"),
    path("audits/<int:pk>/chronology/system-records/", views.system_records, name="system-records"),
    path("audits/<int:pk>/chronology/template.csv", views.template_as_csv, name="template-csv"),
    path("audits/<int:pk>/chronology/template.xlsx", views.template_as_xlsx, name="template-xlsx"),
    path("cases/<int:pk>/chronology/", views.case_timeline, name="case-timeline"),
    path("cases/<int:pk>/chronology/family/", views.family_timeline, name="family-timeline"),
    path("cases/<int:pk>/chronology/export.csv", views.case_export_csv, name="case-csv"),
    path("cases/<int:pk>/chronology/export.xlsx", views.case_export_xlsx, name="case-xlsx"),
    path("cases/<int:pk>/chronology/export.docx", views.case_export_docx, name="case-docx"),
    path("cases/<int:pk>/chronology/family/export.csv", views.family_export_csv, name="family-csv"),
    path(
        "cases/<int:pk>/chronology/family/export.xlsx", views.family_export_xlsx, name="family-xlsx"
    ),
    path(
        "cases/<int:pk>/chronology/family/export.docx", views.family_export_docx, name="family-docx"
    ),
]
