from django.urls import path

from shop import views

urlpatterns = [
    path('cpu', views.cpu),
    path('io', views.io),
    path('mixed', views.mixed),
    path('page', views.page),
    path('cputime', views.cputime),
]
