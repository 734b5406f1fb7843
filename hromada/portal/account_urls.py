"""Кабінет мешканця: resident sign-up, sign-in, password reset and "my appeals"."""

from django.urls import path

from hromada.portal import account, account_profile

urlpatterns = [
    path("", account.my_appeals, name="my-appeals"),
    path("zvernennia/<int:appeal_id>/", account.my_appeal, name="my-appeal"),
    path("zvernennia/<int:appeal_id>/fajly/<int:file_id>/", account.my_appeal_file, name="my-appeal-file"),
    path(
        "zvernennia/<int:appeal_id>/fajly/<int:file_id>/perehliad/",
        account.my_appeal_file_view,
        name="my-appeal-file-view",
    ),
    path("profil/", account_profile.profile, name="profile"),
    path("reiestratsiia/", account.sign_up, name="sign-up"),
    path("pidtverdzhennia/<str:uidb64>/<str:token>/", account.confirm_email, name="confirm-email"),
    path("perevirte-poshtu/", account.check_mail, name="check-mail"),
    path("pidtverdzhennia/znovu/", account.resend_confirmation, name="resend-confirmation"),
    path("vkhid/", account.sign_in, name="sign-in"),
    path("vykhid/", account.sign_out, name="sign-out"),
    path("parol/", account.password_reset, name="password-reset"),
    path("parol/<str:uidb64>/<str:token>/", account.password_reset_confirm, name="password-reset-confirm"),
    path("vkhid/<slug:code>/", account.provider_start, name="provider-start"),
    path("vkhid/<slug:code>/povernennia/", account.provider_finish, name="provider-finish"),
]
