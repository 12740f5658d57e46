import type { FhirResource } from './fhir-types.ts';

export interface SearchsetBundle {
  resourceType: 'Bundle';
  id: string;
  meta: { lastUpdated: string };
  type: 'searchset';
  total: number;
  link: Array<{ relation: string; url: string }>;
  entry: Array<{ fullUrl: string; resource: FhirResource; search: { mode: 'match' } }>;
}

export interface PageLinks {
  self: string;
  first?: string;
  previous?: string;
  next?: string;
}

/** A searchset page; `fhirBaseUrl` is the absolute base taken from the request's own origin. */
export function searchsetBundle(input: {
  id: string;
  lastUpdated: string;
  total: number;
  links: PageLinks;
  resources: readonly FhirResource[];
  fhirBaseUrl: string;
}): SearchsetBundle {
  const order = ['self', 'first', 'previous', 'next'] as const;
  return {
    resourceType: 'Bundle',
    id: input.id,
    meta: { lastUpdated: input.lastUpdated },
    type: 'searchset',
    total: input.total,
    link: order.flatMap((relation) => {
      const url = input.links[relation];
      return url ? [{ relation, url }] : [];
    }),
    entry: input.resources.map((resource) => ({
      fullUrl: `${input.fhirBaseUrl}/${resource.resourceType}/${resource.id}`,
      resource,
      search: { mode: 'match' },
    })),
  };
}
