"""Frictionless Data Package (v2) descriptor and data dictionary, generated from the pandera models."""

from __future__ import annotations

from pandera.api.pandas.model import DataFrameModel

from pipeline import PIPELINE_VERSION
from pipeline.schemas import TABLES

_TYPES = {"int64": "integer", "int32": "integer", "float64": "number", "bool": "boolean", "object": "array",
          "str": "string", "string": "string", "datetime64[ns]": "datetime"}


def field_descriptors(model: type[DataFrameModel]) -> list[dict]:
    """Table Schema fields: name, type, description and constraints for each column of a model."""
    fields = []
    for name, column in model.to_schema().columns.items():
        constraints: dict = {"required": not column.nullable}
        if column.unique:
            constraints["unique"] = True
        for check in column.checks:
            stats = check.statistics or {}
            if "allowed_values" in stats:
                constraints["enum"] = sorted(str(v) for v in stats["allowed_values"])
            if "min_value" in stats and check.name in ("greater_than_or_equal_to", "ge"):
                constraints["minimum"] = stats["min_value"]
            if "max_value" in stats and check.name in ("less_than_or_equal_to", "le"):
                constraints["maximum"] = stats["max_value"]
            if "pattern" in stats:
                constraints["pattern"] = str(stats["pattern"])
        dtype = str(column.dtype)
        field = {"name": name, "type": "datetime" if dtype.startswith("datetime64") else _TYPES.get(dtype, "string"),
                 "description": column.description or "", "constraints": constraints}
        if field["type"] == "array":
            field["itemType"] = "string"
        fields.append(field)
    return fields


def datapackage(name: str = "report-extractions") -> dict:
    """The descriptor for the tables published beside it."""
    resources = []
    for spec in TABLES:
        metadata = getattr(spec.model.Config, "metadata", None) or {}
        schema: dict = {"fields": field_descriptors(spec.model)}
        if metadata.get("primary_key"):
            schema["primaryKey"] = [metadata["primary_key"]]
        foreign = [{"fields": [column], "reference": {"resource": target, "fields": [target_column]}}
                   for column, (target, target_column) in metadata.get("foreign_keys", {}).items()]
        if foreign:
            schema["foreignKeys"] = foreign
        resources.append({"name": spec.name, "type": "table", "path": f"{spec.name}.parquet", "format": "parquet",
                          "mediatype": "application/vnd.apache.parquet", "description": spec.description.strip(),
                          "schema": schema})
    return {"$schema": "https://datapackage.org/profiles/2.0/datapackage.json", "name": name,
            "title": "Organisations, figures and recommendations extracted from reports",
            "version": PIPELINE_VERSION, "resources": resources}


def data_dictionary_markdown() -> str:
    """Every published table and column with type, meaning and allowed values, as Markdown."""
    lines = ["# Data dictionary", "", "Generated from `pipeline/schemas.py` by `python -m pipeline dictionary`.", ""]
    for spec in TABLES:
        lines += [f"## {spec.name}", "", spec.description.strip(), "",
                  "| column | type | required | description | allowed values |", "|---|---|---|---|---|"]
        for field in field_descriptors(spec.model):
            c = field["constraints"]
            allowed = ", ".join(c.get("enum", [])) or (f">= {c['minimum']}" if "minimum" in c else "")
            lines.append(f"| {field['name']} | {field['type']} | {'yes' if c['required'] else 'no'} | "
                         f"{field['description']} | {allowed} |")
        lines.append("")
    return "\n".join(lines)
