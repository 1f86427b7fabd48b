"""sdkforge: OpenAPI descriptions in, typed SDKs and reference docs out."""

__version__ = "0.1.0"
