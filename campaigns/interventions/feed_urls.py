from django.urls import path

from . import feeds

urlpatterns = [
    path("feeds/<str:token>/calendar.ics", feeds.calendar_feed, name="team_calendar_feed"),
    path("feeds/<str:token>/today.json", feeds.today_json, name="team_today_json"),
    path("feeds/<str:token>/today.rss", feeds.today_rss, name="team_today_rss"),
    path("feeds/<str:token>/banner.html", feeds.banner, name="team_banner"),
]
