"""Swagger 2.0 to OpenAPI 3.0, so the rest of sdkforge knows one shape.

Runs after validation (a Swagger 2.0 document is validated as such) and before the
model is built. The conversion follows the OpenAPI 3.0 migration rules:

- ``host``, ``basePath`` and ``schemes`` become ``servers``;
- ``definitions``, ``parameters``, ``responses`` and ``securityDefinitions`` move under
  ``components`` (body parameters become ``requestBodies``), and every ``$ref`` follows;
- ``body`` parameters become a ``requestBody`` with the operation's ``consumes`` media
  types, ``formData`` parameters a form or multipart body schema;
- parameter ``type``/``format``/``items``/``enum``/``default`` move into ``schema``,
  ``collectionFormat`` becomes ``style``/``explode``;
- response ``schema`` becomes ``content`` for the ``produces`` media types;
- ``x-nullable`` becomes ``nullable``; ``type: file`` becomes a binary string.

Findings about the converted document are located in the original through
:func:`original_pointer`.
"""

from __future__ import annotations

from typing import Any

from .load import LoadedSpec, Ref

_REF_PREFIXES = (
    ("#/definitions/", "#/components/schemas/"),
    ("#/responses/", "#/components/responses/"),
    ("#/securityDefinitions/", "#/components/securitySchemes/"),
)
_POINTER_PREFIXES = (
    ("/components/schemas/", "/definitions/"),
    ("/components/responses/", "/responses/"),
    ("/components/parameters/", "/parameters/"),
    ("/components/requestBodies/", "/parameters/"),
    ("/components/securitySchemes/", "/securityDefinitions/"),
)
_COLLECTION_FORMATS = {
    "csv": ("form", False),
    "ssv": ("spaceDelimited", False),
    "pipes": ("pipeDelimited", False),
    "multi": ("form", True),
}
_SCHEMA_KEYS_OF_PARAMETERS = (
    "type",
    "format",
    "items",
    "enum",
    "default",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "multipleOf",
)
_OAUTH_FLOWS = {
    "implicit": "implicit",
    "password": "password",
    "application": "clientCredentials",
    "accessCode": "authorizationCode",
}
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch")


def original_pointer(pointer: str) -> str:
    """Where a pointer into the converted document points in the Swagger 2.0 original."""
    for converted, original in _POINTER_PREFIXES:
        if pointer.startswith(converted):
            return original + pointer[len(converted) :]
    return pointer


def convert_spec(spec: LoadedSpec) -> LoadedSpec:
    """The same spec with every document converted to OpenAPI 3.0."""
    documents = {
        file: _Converter(data).document() if file == spec.root else _schema(data)
        for file, data in spec.documents.items()
    }
    return LoadedSpec(
        root=spec.root,
        version="3.0",
        documents=documents,
        warnings=spec.warnings,
        dangling={Ref(ref.file, _rewrite_pointer(ref.pointer)) for ref in spec.dangling},
        _texts=spec._texts,
        pointer_map=original_pointer,
        _yaml_shallow=spec._yaml_shallow,
    )


def _rewrite_pointer(pointer: str) -> str:
    for original, converted in _REF_PREFIXES:
        if pointer.startswith(original[1:]):
            return converted[1:] + pointer[len(original) - 1 :]
    return pointer


def _rewrite_ref(ref: str, body_parameters: set[str]) -> str:
    file_part, _, fragment = ref.partition("#")
    fragment = "#" + fragment
    if fragment.startswith("#/parameters/"):
        name = fragment[len("#/parameters/") :]
        kind = "requestBodies" if name in body_parameters else "parameters"
        return f"{file_part}#/components/{kind}/{name}"
    for original, converted in _REF_PREFIXES:
        if fragment.startswith(original):
            return file_part + converted + fragment[len(original) :]
    return ref


def _schema(node: Any, body_parameters: frozenset[str] = frozenset()) -> Any:
    """A schema (or any subtree) with refs rewritten and 2.0-only keywords translated.

    Examples and defaults are copied as they are: they are data.
    """
    if isinstance(node, list):
        return [_schema(item, body_parameters) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "$ref" and isinstance(value, str):
            out[key] = _rewrite_ref(value, set(body_parameters))
        elif key in ("example", "default", "enum") or (str(key).startswith("x-") and key != "x-nullable"):
            out[key] = value
        elif key == "x-nullable":
            out["nullable"] = bool(value)
        elif key == "type" and value == "file":
            out["type"] = "string"
            out["format"] = "binary"
        elif key == "discriminator" and isinstance(value, str):
            out[key] = {"propertyName": value}
        else:
            out[key] = _schema(value, body_parameters)
    return out


class _Converter:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.consumes: list[str] = list(data.get("consumes") or ["application/json"])
        self.produces: list[str] = list(data.get("produces") or ["application/json"])
        parameters = data.get("parameters") or {}
        self.body_parameters = frozenset(
            name for name, p in parameters.items() if isinstance(p, dict) and p.get("in") == "body"
        )

    def document(self) -> dict[str, Any]:
        data = self.data
        out: dict[str, Any] = {"openapi": "3.0.3"}
        for key, value in data.items():
            if key in ("info", "tags", "externalDocs", "security") or str(key).startswith("x-"):
                out[key] = value
        out["servers"] = self._servers()
        out["paths"] = {path: self._path_item(item) for path, item in (data.get("paths") or {}).items()}
        components: dict[str, Any] = {}
        if data.get("definitions"):
            components["schemas"] = {k: self._schema(v) for k, v in data["definitions"].items()}
        parameters, bodies = {}, {}
        for name, param in (data.get("parameters") or {}).items():
            if name in self.body_parameters:
                bodies[name] = self._request_body([param], self.consumes)
            elif isinstance(param, dict):
                parameters[name] = self._parameter(param)
        if parameters:
            components["parameters"] = parameters
        if bodies:
            components["requestBodies"] = bodies
        if data.get("responses"):
            components["responses"] = {k: self._response(v, self.produces) for k, v in data["responses"].items()}
        if data.get("securityDefinitions"):
            components["securitySchemes"] = {
                k: self._security_scheme(v) for k, v in data["securityDefinitions"].items()
            }
        out["components"] = components
        return out

    def _schema(self, node: Any) -> Any:
        return _schema(node, self.body_parameters)

    def _servers(self) -> list[dict[str, Any]]:
        host = self.data.get("host")
        base_path = str(self.data.get("basePath") or "").rstrip("/")
        if not host:
            return [{"url": base_path or "/"}]
        schemes = self.data.get("schemes") or ["https"]
        return [{"url": f"{scheme}://{host}{base_path}"} for scheme in schemes]

    def _path_item(self, item: Any) -> Any:
        if not isinstance(item, dict):
            return item
        if "$ref" in item:
            return self._schema(item)
        out: dict[str, Any] = {}
        shared = [p for p in item.get("parameters") or [] if not self._is_body_or_form(p)]
        if shared:
            out["parameters"] = [self._parameter(p) for p in shared]
        for key, value in item.items():
            if key in _METHODS and isinstance(value, dict):
                out[key] = self._operation(value, item.get("parameters") or [])
            elif str(key).startswith("x-"):
                out[key] = value
        return out

    def _is_body_or_form(self, param: Any) -> bool:
        if not isinstance(param, dict):
            return False
        if "$ref" in param:
            return str(param["$ref"]).rpartition("/")[2] in self.body_parameters
        return param.get("in") in ("body", "formData")

    def _operation(self, op: dict[str, Any], shared: list[Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in op.items():
            if key not in ("parameters", "responses", "consumes", "produces", "schemes"):
                out[key] = value
        consumes = list(op.get("consumes") or self.consumes)
        produces = list(op.get("produces") or self.produces)
        own = list(op.get("parameters") or [])
        own_keys = {(p.get("name"), p.get("in")) for p in own if isinstance(p, dict)}
        inherited = [p for p in shared if not (isinstance(p, dict) and (p.get("name"), p.get("in")) in own_keys)]
        body_like = [p for p in inherited + own if self._is_body_or_form(p)]
        plain = [self._parameter(p) for p in own if not self._is_body_or_form(p)]
        if plain:
            out["parameters"] = plain
        if body_like:
            refs = [p for p in body_like if "$ref" in p]
            out["requestBody"] = self._schema(refs[0]) if refs else self._request_body(body_like, consumes)
        out["responses"] = {
            str(code): self._response(response, produces) for code, response in (op.get("responses") or {}).items()
        }
        return out

    def _parameter(self, param: dict[str, Any]) -> dict[str, Any]:
        if "$ref" in param:
            return dict(self._schema(param))
        out: dict[str, Any] = {}
        schema: dict[str, Any] = {}
        for key, value in param.items():
            if key in _SCHEMA_KEYS_OF_PARAMETERS:
                schema[key] = value
            elif key == "collectionFormat":
                style, explode = _COLLECTION_FORMATS.get(str(value), ("form", False))
                out["style"], out["explode"] = style, explode
            elif key == "x-nullable":
                schema["nullable"] = bool(value)
            elif key not in ("allowEmptyValue",) or param.get("in") == "query":
                out[key] = value
        if "collectionFormat" not in param and schema.get("type") == "array" and param.get("in") == "query":
            out["style"], out["explode"] = "form", False  # 2.0's default is csv
        out["schema"] = self._schema(schema)
        return out

    def _request_body(self, params: list[Any], consumes: list[str]) -> dict[str, Any]:
        body = next((p for p in params if isinstance(p, dict) and p.get("in") == "body"), None)
        if body is not None:
            schema = self._schema(body.get("schema") or {})
            media_types = [m for m in consumes if "form" not in m] or ["application/json"]
            out: dict[str, Any] = {"content": {m: {"schema": schema} for m in media_types}}
            if body.get("description"):
                out["description"] = body["description"]
            out["required"] = bool(body.get("required"))
            for key, value in body.items():
                if str(key).startswith("x-"):
                    out[key] = value
            return out
        properties: dict[str, Any] = {}
        required: list[str] = []
        has_file = False
        for param in params:
            if not isinstance(param, dict) or param.get("in") != "formData":
                continue
            prop = self._parameter(param)["schema"]
            if param.get("description"):
                prop["description"] = param["description"]
            has_file = has_file or param.get("type") == "file"
            properties[str(param.get("name"))] = prop
            if param.get("required"):
                required.append(str(param.get("name")))
        media = (
            "multipart/form-data"
            if has_file or "multipart/form-data" in consumes
            else "application/x-www-form-urlencoded"
        )
        form_schema: dict[str, Any] = {"type": "object", "properties": properties}
        if required:
            form_schema["required"] = required
        return {"content": {media: {"schema": form_schema}}, "required": bool(required)}

    def _response(self, response: Any, produces: list[str]) -> Any:
        if not isinstance(response, dict):
            return response
        if "$ref" in response:
            return self._schema(response)
        out: dict[str, Any] = {"description": response.get("description", "")}
        if "schema" in response:
            schema = self._schema(response["schema"])
            raw_examples = response.get("examples")
            examples: dict[str, Any] = raw_examples if isinstance(raw_examples, dict) else {}
            content: dict[str, Any] = {}
            for media in produces:
                content[media] = {"schema": schema}
                if media in examples:
                    content[media]["example"] = examples[media]
            out["content"] = content
        if isinstance(response.get("headers"), dict):
            out["headers"] = {
                name: {
                    "description": h.get("description", ""),
                    "schema": self._schema({k: v for k, v in h.items() if k in _SCHEMA_KEYS_OF_PARAMETERS}),
                }
                for name, h in response["headers"].items()
                if isinstance(h, dict)
            }
        return out

    def _security_scheme(self, scheme: Any) -> Any:
        if not isinstance(scheme, dict):
            return scheme
        kind = scheme.get("type")
        extras = {k: v for k, v in scheme.items() if str(k).startswith("x-") or k == "description"}
        if kind == "basic":
            return {"type": "http", "scheme": "basic", **extras}
        if kind == "oauth2":
            flow: dict[str, Any] = {"scopes": scheme.get("scopes") or {}}
            for key in ("authorizationUrl", "tokenUrl"):
                if key in scheme:
                    flow[key] = scheme[key]
            name = _OAUTH_FLOWS.get(str(scheme.get("flow")), "authorizationCode")
            return {"type": "oauth2", "flows": {name: flow}, **extras}
        return dict(scheme)
