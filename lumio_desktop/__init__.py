"""Lumio Desktop: keeps leads, companies and deals consistent between a local store and HubSpot, Salesforce, Shopify."""

__version__ = "0.1.0"
