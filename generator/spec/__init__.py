"""The spec stage: reading OpenAPI files (YAML or JSON, with line numbers and relative
``$ref`` files), Swagger 2.0 conversion, and validation into located findings.
"""
