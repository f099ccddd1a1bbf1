"""Seeds the lab database: 20 categories, 2,000 products (deterministic). Run: python3 -m shop.management_seed"""
import datetime
import os

import django

os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'labsite.settings')
django.setup()

from shop.models import Category, Product  # noqa: E402

if not Category.objects.exists():
    cats = [Category.objects.create(name=f'category {i}') for i in range(20)]
    t0 = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    Product.objects.bulk_create(
        [
            Product(
                category=cats[i % 20],
                name=f'product number {i} with a longer descriptive name',
                sku=f'SKU{i:06d}',
                price_cents=(i * 7919) % 100000,
                stock=(i * 31) % 50,
                updated=t0 + datetime.timedelta(minutes=i * 13),
            )
            for i in range(2000)
        ]
    )
print('seeded', Category.objects.count(), Product.objects.count())
