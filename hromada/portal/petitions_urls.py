"""Public pages of e-petitions (електронні петиції), the open data sets and feeds, and the resident's
petitions in the cabinet (namespace "portal", mounted at the site root)."""

from django.urls import path

from hromada.portal import petitions_feeds, petitions_opendata
from hromada.portal import petitions_views as views

urlpatterns = [
    path("peticii/", views.petitions, name="petitions"),
    path("peticii/rss/", petitions_feeds.NewPetitionsRss(), name="petitions-rss"),
    path("peticii/atom/", petitions_feeds.NewPetitionsAtom(), name="petitions-atom"),
    path("peticii/vidpovidi/rss/", petitions_feeds.AnswersRss(), name="petition-answers-rss"),
    path("peticii/vidpovidi/atom/", petitions_feeds.AnswersAtom(), name="petition-answers-atom"),
    path("peticii/open-data/petitions.csv", petitions_opendata.petitions_csv, name="petitions-csv"),
    path("peticii/open-data/petitions.json", petitions_opendata.petitions_json, name="petitions-json"),
    path("peticii/open-data/votings.csv", petitions_opendata.votings_csv, name="votings-csv"),
    path("peticii/open-data/votings.json", petitions_opendata.votings_json, name="votings-json"),
    path("peticii/<int:petition_id>/", views.petition, name="petition"),
    path("peticii/<int:petition_id>/pidpysaty/", views.sign, name="petition-sign"),
    path("peticii/<int:petition_id>/vidklykaty/", views.withdraw, name="petition-withdraw"),
    path("peticii/<int:petition_id>/pidpysanty/", views.signatories, name="petition-signatories"),
    path(
        "peticii/<int:petition_id>/fajly/<int:attachment_id>/",
        views.attachment,
        name="petition-attachment",
    ),
    path("kabinet/peticii/", views.my_petitions, name="my-petitions"),
    path("kabinet/peticii/nova/", views.new_petition, name="my-petition-new"),
    path("kabinet/peticii/<int:petition_id>/redaguvaty/", views.edit_petition, name="my-petition-edit"),
    path("kabinet/peticii/<int:petition_id>/podaty/", views.submit_petition, name="my-petition-submit"),
]
