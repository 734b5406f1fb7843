from django.urls import path

from hromada.workspace.views import audit, auth, dashboard, second_factor

app_name = "workspace"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("sign-in/", auth.sign_in, name="sign-in"),
    path("sign-in/code/", auth.sign_in_code, name="second-factor-verify"),
    path("second-factor/", second_factor.manage, name="second-factor"),
    path("second-factor/enrol/", second_factor.enrol, name="second-factor-enrol"),
    path("sign-out/", auth.SignOutView.as_view(), name="sign-out"),
    path("password/", auth.PasswordChangeView.as_view(), name="password-change"),
    path("audit/", audit.audit_page, name="audit"),
]
