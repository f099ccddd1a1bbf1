from django.db import models


class Category(models.Model):
    name = models.CharField(max_length=60)


class Product(models.Model):
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name='products')
    name = models.CharField(max_length=120)
    sku = models.CharField(max_length=20, unique=True)
    price_cents = models.IntegerField()
    stock = models.IntegerField()
    updated = models.DateTimeField()
