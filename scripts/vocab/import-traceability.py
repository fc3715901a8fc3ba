#!/usr/bin/env python3
"""Dev-time import of the W3C CCG traceability vocabulary (YAML) into Tradeproof's embedded JSON data.

Usage: python3 scripts/vocab/import-traceability.py [SOURCE_SCHEMAS_DIR]
  SOURCE_SCHEMAS_DIR defaults to ../shared/conformance/traceability-vocab/schemas (relative to the repository root).

Writes (overwriting, after removing the previous import):
  src/Tradeproof.Trade/Vocabulary/Data/traceability/
    index.json                 one entry per credential type: name (the type credentials declare), upstream file,
                               IRI (as the traceability context maps the name; else `$linkedData`; else what the
                               VCDM 2.0 @vocab makes of it), title, tags, schema and example paths
    credentials/<Type>.json    the type's JSON Schema (2020-12), `$linkedData` kept, `$id` added, `example` moved out
    common/<Class>.json        the common classes reachable from the credentials through `$ref`
    snippets/<name>.json       the snippets reachable the same way
    examples/<Type>.json       the type's example credential, parsed from the YAML `example` string
  src/Tradeproof.Trade/Workflows/Data/traceability/<workflow>.json   the workflow definitions, converted as they are

Transformations (nothing else is changed):
  * every schema gets `"$id": "https://w3id.org/traceability/schemas/<folder>/<Name>.json"`, mirroring the upstream
    folders so that the upstream relative `$ref`s keep resolving, with `.yml` rewritten to `.json`;
  * draft-07 tuple syntax (`items` as an array, `additionalItems`) becomes 2020-12 `prefixItems` / `items`;
  * YAML 1.1 implicit booleans other than true/false (yes/no/on/off/y/n) and timestamps stay strings,
    as JSON Schema authors meant them.
This script is run by hand when the upstream vocabulary is updated; CI never runs it. Its output is committed.
"""
import json
import os
import re
import shutil
import sys

import yaml

SCHEMA_BASE = "https://w3id.org/traceability/schemas/"
ISSUER_DEPENDENT = "https://www.w3.org/ns/credentials/issuer-dependent#"
TRACEABILITY_CONTEXT = "https://w3id.org/traceability/v1"
UPSTREAM_REPOSITORY = "https://github.com/w3c-ccg/traceability-vocab"


class PlainLoader(yaml.SafeLoader):
    """SafeLoader without YAML 1.1 yes/no/on/off booleans and without timestamps."""


PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
PlainLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def load_yaml(path):
    with open(path, encoding="utf-8") as stream:
        return yaml.load(stream, Loader=PlainLoader)


def upgrade_tuple_items(node):
    """Draft-07 tuple syntax (`items` as an array, `additionalItems`) becomes 2020-12 `prefixItems` / `items`."""
    if isinstance(node, dict):
        if isinstance(node.get("items"), list):
            rebuilt = {}
            for key, value in node.items():
                if key == "items":
                    rebuilt["prefixItems"] = value
                elif key == "additionalItems":
                    rebuilt["items"] = value
                else:
                    rebuilt[key] = value
            node.clear()
            node.update(rebuilt)
        for value in node.values():
            upgrade_tuple_items(value)
    elif isinstance(node, list):
        for item in node:
            upgrade_tuple_items(item)


def rewrite_refs(node, folder, references):
    """Rewrites `$ref: ./X.yml` to `./X.json` and records the referenced (folder, name) pairs."""
    if isinstance(node, dict):
        for key, value in list(node.items()):
            if key == "$ref" and isinstance(value, str):
                target, _, fragment = value.partition("#")
                if target.endswith(".yml"):
                    resolved = os.path.normpath(os.path.join(folder, target))
                    target_folder, target_file = os.path.split(resolved)
                    references.add((target_folder, target_file[:-4]))
                    node[key] = target[:-4] + ".json" + ("#" + fragment if fragment else "")
                elif target:
                    raise SystemExit(f"unexpected $ref {value!r} in {folder}")
            else:
                rewrite_refs(value, folder, references)
    elif isinstance(node, list):
        for item in node:
            rewrite_refs(item, folder, references)


def credential_type_term(schema, file_name):
    """The type a credential of this schema declares (its `type` const besides VerifiableCredential): the name used
    in credentials, which is not always the file name nor the `$linkedData` term upstream."""
    declared = [t for t in schema.get("properties", {}).get("type", {}).get("const", []) if t != "VerifiableCredential"]
    if len(declared) != 1:
        raise SystemExit(f"{file_name}: expected one credential type in the type const, found {declared}")
    return declared[0]


def context_iri(context, term):
    """The IRI the traceability context maps the term to, or None when the context does not define it."""
    definition = context.get(term)
    return definition.get("@id") if isinstance(definition, dict) else definition


def write_json(path, value):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as stream:
        json.dump(value, stream, indent=2, ensure_ascii=False)
        stream.write("\n")


def with_id_first(schema, folder, name):
    result = {"$id": f"{SCHEMA_BASE}{folder}/{name}.json"}
    result.update(schema)
    return result


def main():
    repository_root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    source = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        repository_root, "..", "shared", "conformance", "traceability-vocab", "schemas"))
    vocabulary_out = os.path.join(repository_root, "src", "Tradeproof.Trade", "Vocabulary", "Data", "traceability")
    workflows_out = os.path.join(repository_root, "src", "Tradeproof.Trade", "Workflows", "Data", "traceability")
    for folder in ("credentials", "common", "snippets", "examples"):
        shutil.rmtree(os.path.join(vocabulary_out, folder), ignore_errors=True)
    for old in os.listdir(workflows_out) if os.path.isdir(workflows_out) else []:
        if old.endswith(".json"):
            os.remove(os.path.join(workflows_out, old))

    contexts = os.path.join(source, "..", "..", "contexts")
    with open(os.path.join(contexts, "index.json"), encoding="utf-8") as stream:
        context_file = json.load(stream)[TRACEABILITY_CONTEXT]
    with open(os.path.join(contexts, context_file), encoding="utf-8") as stream:
        context = json.load(stream)["@context"]

    index = []
    pending = []
    for file_name in sorted(os.listdir(os.path.join(source, "credentials"))):
        if not file_name.endswith(".yml"):
            continue
        name = file_name[:-4]
        schema = load_yaml(os.path.join(source, "credentials", file_name))
        example_text = schema.pop("example", None)
        references = set()
        upgrade_tuple_items(schema)
        rewrite_refs(schema, "credentials", references)
        pending.extend(references)
        write_json(os.path.join(vocabulary_out, "credentials", name + ".json"), with_id_first(schema, "credentials", name))
        example_path = None
        if example_text is not None:
            write_json(os.path.join(vocabulary_out, "examples", name + ".json"), json.loads(example_text))
            example_path = f"examples/{name}.json"
        linked = schema.get("$linkedData", {})
        term = credential_type_term(schema, name)
        index.append({
            "name": term,
            "file": name,
            "iri": context_iri(context, term) or linked.get("@id") or ISSUER_DEPENDENT + term,
            "linkedDataTerm": linked.get("term"),
            "linkedDataIri": linked.get("@id"),
            "title": schema.get("title"),
            "description": (schema.get("description") or "").strip(),
            "tags": schema.get("tags", []),
            "schema": f"credentials/{name}.json",
            "example": example_path,
        })

    # The common classes and snippets the credentials reach, transitively.
    written = set()
    while pending:
        folder, name = pending.pop()
        if (folder, name) in written:
            continue
        written.add((folder, name))
        schema = load_yaml(os.path.join(source, folder, name + ".yml"))
        schema.pop("example", None)
        references = set()
        upgrade_tuple_items(schema)
        rewrite_refs(schema, folder, references)
        pending.extend(references - written)
        write_json(os.path.join(vocabulary_out, folder, name + ".json"), with_id_first(schema, folder, name))

    write_json(os.path.join(vocabulary_out, "index.json"), {
        "source": UPSTREAM_REPOSITORY,
        "schemaBase": SCHEMA_BASE,
        "types": index,
        "classes": sorted(f"{folder}/{name}.json" for folder, name in written),
    })

    for file_name in sorted(os.listdir(os.path.join(source, "workflows"))):
        if file_name.endswith(".yml"):
            workflow = load_yaml(os.path.join(source, "workflows", file_name))
            write_json(os.path.join(workflows_out, file_name[:-4] + ".json"), workflow)

    print(f"{len(index)} credential types, {len(written)} common classes and snippets, workflows into {workflows_out}")


if __name__ == "__main__":
    main()
