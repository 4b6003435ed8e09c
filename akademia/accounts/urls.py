from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from akademia.accounts import views
from akademia.accounts.forms import PasswordResetForm

app_name = "accounts"

urlpatterns = [
    path("logowanie/", views.LoginView.as_view(), name="login"),
    path("wylogowanie/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.profile, name="profile"),
    path("moje-dane.json", views.my_data, name="my-data"),
    path("usun-moje-dane/", views.my_erasure, name="my-erasure"),
    path("retencja/", views.retention_review, name="retention"),
    path(
        "haslo/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("accounts:password-change-done"),
        ),
        name="password-change",
    ),
    path(
        "haslo/zmienione/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password-change-done",
    ),
    path(
        "haslo/reset/",
        auth_views.PasswordResetView.as_view(
            form_class=PasswordResetForm,
            template_name="accounts/password_reset.html",
            email_template_name="accounts/email/password_reset.txt",
            subject_template_name="accounts/email/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password-reset-done"),
        ),
        name="password-reset",
    ),
    path(
        "haslo/reset/wyslano/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password-reset-done",
    ),
    path(
        "haslo/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password-reset-complete"),
        ),
        name="password-reset-confirm",
    ),
    path(
        "haslo/reset/gotowe/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password-reset-complete",
    ),
    path(
        "zaproszenie/<uidb64>/<token>/",
        views.InvitationAcceptView.as_view(),
        name="invitation-accept",
    ),
    path("uzytkownicy/", views.user_list, name="user-list"),
    path("uzytkownicy/zapros/", views.user_invite, name="user-invite"),
    path("uzytkownicy/<int:pk>/", views.user_detail, name="user-detail"),
    path("uzytkownicy/<int:pk>/dane.json", views.user_data, name="user-data"),
    path("uzytkownicy/<int:pk>/usun-dane/", views.user_erasure, name="user-erasure"),
    path("uzytkownicy/<int:pk>/zaproszenie/", views.user_resend, name="user-resend"),
    path("uzytkownicy/<int:pk>/umocowanie/", views.user_verify_jst, name="user-verify-jst"),
    path("uzytkownicy/<int:pk>/aktywnosc/", views.user_set_active, name="user-set-active"),
    # two-factor authentication (issue #16)
    path("weryfikacja-dwuetapowa/wlacz/", views.two_factor_setup, name="two-factor-setup"),
    path("weryfikacja-dwuetapowa/kody/", views.two_factor_codes, name="two-factor-codes"),
    path("weryfikacja-dwuetapowa/", views.two_factor_verify, name="two-factor-verify"),
    path(
        "weryfikacja-dwuetapowa/nowe-kody/",
        views.recovery_codes_regenerate,
        name="recovery-codes-regenerate",
    ),
]
