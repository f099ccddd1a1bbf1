"""The lab's request profiles. Each stands for what a user tells Rightsize about their app.

cpu    CPU work of `ms` milliseconds of *thread* CPU time (time.thread_time), so time spent waiting for the
       GIL or for the core does not count as work done: the view burns exactly `ms` of CPU whatever the load.
io     an I/O wait of `ms` (time.sleep releases the GIL, like a database or API call).
mixed  `cpu` ms of CPU split around an `io` ms wait (half before, half after), like a view that computes,
       queries, then renders.
page   a realistic page: three ORM queries on SQLite and a template rendering a 50-row table.
cputime  this worker's process CPU seconds (the lab's check of CPU per request; not a profile).
"""
import time

from django.db.models import Count, Sum
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render

from .models import Category, Product


def _burn(ms):
    end = time.thread_time() + ms / 1000.0
    x = 0
    while time.thread_time() < end:
        for i in range(200):
            x += i * i
    return x


def cpu(request):
    ms = float(request.GET.get('ms', '10'))
    _burn(ms)
    return HttpResponse(f'cpu {ms}\n', content_type='text/plain')


def io(request):
    ms = float(request.GET.get('ms', '10'))
    time.sleep(ms / 1000.0)
    return HttpResponse(f'io {ms}\n', content_type='text/plain')


def mixed(request):
    c = float(request.GET.get('cpu', '10'))
    w = float(request.GET.get('io', '10'))
    _burn(c / 2)
    time.sleep(w / 1000.0)
    _burn(c / 2)
    return HttpResponse(f'mixed {c} {w}\n', content_type='text/plain')


def page(request):
    cats = list(Category.objects.annotate(n=Count('products'), value=Sum('products__price_cents')).order_by('name'))
    products = list(Product.objects.select_related('category').order_by('-updated')[:50])
    low = Product.objects.filter(stock__lt=5).count()
    return render(request, 'shop/page.html', {'categories': cats, 'products': products, 'low_stock': low})


def cputime(request):
    return JsonResponse({'process_cpu_s': time.process_time()})
