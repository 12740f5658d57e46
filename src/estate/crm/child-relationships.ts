import { SOBJECTS } from './schema.ts';

export interface ChildRelationship {
  childSObject: string;
  field: string;
  relationshipName: string | null;
  cascadeDelete: boolean;
  restrictedDelete: boolean;
  deprecatedAndHidden: boolean;
  junctionIdListNames: string[];
  junctionReferenceTo: string[];
}

/** Every lookup that points at `parent`, in describe's `childRelationships` shape; unnamed ones stay listed with a null name, as Salesforce lists them. */
export function childRelationshipsOf(parent: string): ChildRelationship[] {
  return SOBJECTS.flatMap((child) =>
    child.fields
      .filter((f) => f.type === 'reference' && f.referenceTo.includes(parent))
      .map((f) => ({
        childSObject: child.name,
        field: f.name,
        relationshipName: f.childRelationshipName ?? null,
        cascadeDelete: f.childRelationshipName !== undefined && child.name !== 'Case',
        restrictedDelete: false,
        deprecatedAndHidden: false,
        junctionIdListNames: [],
        junctionReferenceTo: [],
      })),
  );
}

/** The child relationship of `parent` named `name` (case-insensitive), as a SOQL subquery names it. */
export function findChildRelationship(parent: string, name: string): ChildRelationship | undefined {
  const lower = name.toLowerCase();
  return childRelationshipsOf(parent).find((r) => r.relationshipName?.toLowerCase() === lower);
}
