"""Public pages of e-petitions (електронні петиції), the open data sets and feeds, and the resident's
petitions in the cabinet. The portal includes these in its namespace "portal", at the site root."""

from django.urls import path

from hromada.petitions import feeds, opendata
from hromada.petitions.views import cabinet, public

urlpatterns = [
    path("peticii/", public.petitions, name="petitions"),
    path("peticii/rss/", feeds.NewPetitionsRss(), name="petitions-rss"),
    path("peticii/atom/", feeds.NewPetitionsAtom(), name="petitions-atom"),
    path("peticii/vidpovidi/rss/", feeds.AnswersRss(), name="petition-answers-rss"),
    path("peticii/vidpovidi/atom/", feeds.AnswersAtom(), name="petition-answers-atom"),
    path("peticii/open-data/petitions.csv", opendata.petitions_csv, name="petitions-csv"),
    path("peticii/open-data/petitions.json", opendata.petitions_json, name="petitions-json"),
    path("peticii/open-data/votings.csv", opendata.votings_csv, name="votings-csv"),
    path("peticii/open-data/votings.json", opendata.votings_json, name="votings-json"),
    path("peticii/<int:petition_id>/", public.petition, name="petition"),
    path("peticii/<int:petition_id>/pidpysaty/", public.sign, name="petition-sign"),
    path("peticii/<int:petition_id>/vidklykaty/", public.withdraw, name="petition-withdraw"),
    path("peticii/<int:petition_id>/pidpysanty/", public.signatories, name="petition-signatories"),
    path(
        "peticii/<int:petition_id>/fajly/<int:attachment_id>/",
        public.attachment,
        name="petition-attachment",
    ),
    path("kabinet/peticii/", cabinet.my_petitions, name="my-petitions"),
    path("kabinet/peticii/nova/", cabinet.new_petition, name="my-petition-new"),
    path("kabinet/peticii/<int:petition_id>/redaguvaty/", cabinet.edit_petition, name="my-petition-edit"),
    path("kabinet/peticii/<int:petition_id>/podaty/", cabinet.submit_petition, name="my-petition-submit"),
]
