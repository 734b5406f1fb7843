from django.urls import path

from hromada.workspace.views import audit, auth, dashboard

app_name = "workspace"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("sign-in/", auth.SignInView.as_view(), name="sign-in"),
    path("sign-out/", auth.SignOutView.as_view(), name="sign-out"),
    path("password/", auth.PasswordChangeView.as_view(), name="password-change"),
    path("audit/", audit.audit_page, name="audit"),
]
