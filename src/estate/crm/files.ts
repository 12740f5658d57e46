import { sfDateTime } from '../../telemetry/encoders/time-format.ts';
import type { Actor } from '../../telemetry/event.ts';
import type { Caller } from '../caller.ts';
import { ESTATE_ORIGIN } from '../dispatch.ts';
import { opaque } from './auth.ts';
import type { SObjectRecord } from './soql/evaluate.ts';
import type { CrmState } from './state.ts';
import { emitCrmEvent } from './telemetry.ts';

export interface FileUpload {
  title: string;
  description?: string;
  pathOnClient: string;
  body: Uint8Array;
  /** CRM user id of the uploader. */
  ownerId: string;
  /** Record the file is published to (`FirstPublishLocationId`), e.g. the patient's Person Account. */
  linkedRecordId?: string;
  caller: Caller;
}

export interface FilesConfig {
  /** Shield Platform Encryption for files: encrypts the body of every version saved while on. */
  encryptFiles: boolean;
}

const HIDDEN = 15;

/**
 * Salesforce Files: uploads create a ContentDocument and its ContentVersion, a ContentDistribution
 * publishes a version on a public link, and every step leaves telemetry and ContentTransfer /
 * ContentDistribution event-log rows. Bodies are kept beside the records, as the org keeps blobs.
 */
export class CrmFiles {
  readonly config: FilesConfig = { encryptFiles: true };
  readonly #bodies = new Map<string, Uint8Array>();
  /** Public-link token → ContentDistribution id. */
  readonly #links = new Map<string, string>();

  constructor(readonly state: CrmState) {}

  upload(input: FileUpload): SObjectRecord {
    const { state } = this;
    const extension = /\.([A-Za-z0-9]+)$/.exec(input.pathOnClient)?.[1]?.toLowerCase() ?? '';
    const fileType = extension.toUpperCase() || 'UNKNOWN';
    const common = { Title: input.title, Description: input.description ?? null, FileExtension: extension };
    const document = state.records.insert(
      'ContentDocument',
      { ...common, FileType: fileType, OwnerId: input.ownerId },
      input.ownerId,
    );
    const version = state.records.insert(
      'ContentVersion',
      {
        ...common,
        FileType: fileType,
        PathOnClient: input.pathOnClient,
        ContentDocumentId: document.Id,
        FirstPublishLocationId: input.linkedRecordId ?? null,
        OwnerId: input.ownerId,
      },
      input.ownerId,
    );
    const size = input.body.byteLength;
    Object.assign(version, {
      ContentSize: size,
      IsLatest: true,
      VersionData: `/services/data/v${state.apiVersion}/sobjects/ContentVersion/${version.Id}/VersionData`,
      Encrypted_At_Rest__c: this.config.encryptFiles,
    });
    Object.assign(document, { ContentSize: size, LatestPublishedVersionId: version.Id });
    this.#bodies.set(version.Id as string, input.body);
    const user = state.auth.users.get(input.ownerId);
    emitCrmEvent(state.ctx, {
      action: 'sf.file.upload',
      caller: input.caller,
      status: 201,
      ...(user ? { user } : {}),
      resource: { type: 'ContentVersion', id: version.Id as string },
      patientIds: this.patientIdsOf(version),
      fields: ['Title', 'Description', 'VersionData'],
      detail: { bytes: size, fileType, encrypted: this.config.encryptFiles },
    });
    this.transferEvent('saveVersion', version, input.ownerId, input.caller.requestId);
    return { ...version };
  }

  /** Publishes a version on a public link (a ContentDistribution), as "Share via link" does. */
  share(versionId: string, input: { name: string; userId: string; caller: Caller }): SObjectRecord {
    const { state } = this;
    const version = this.version(versionId);
    if (!version) throw new Error(`no ContentVersion ${versionId}`);
    const distribution = state.records.insert(
      'ContentDistribution',
      {
        Name: input.name,
        ContentVersionId: version.Id,
        RelatedRecordId: version.FirstPublishLocationId,
        PreferencesAllowViewInBrowser: true,
        PreferencesAllowOriginalDownload: true,
        PreferencesPasswordRequired: false,
        PreferencesExpires: false,
        OwnerId: input.userId,
      },
      input.userId,
    );
    const id15 = (distribution.Id as string).slice(0, HIDDEN);
    const org15 = state.orgId.slice(0, HIDDEN);
    const token = opaque(state.ctx.seed, `distribution:${distribution.Id}`, 40);
    const d = encodeURIComponent(`/a/${id15}/${token}`);
    this.#links.set(token, distribution.Id as string);
    Object.assign(distribution, {
      ContentDocumentId: version.ContentDocumentId,
      DistributionPublicUrl: `${ESTATE_ORIGIN}/sfc/p/${org15}/a/${id15}/${token}`,
      ContentDownloadUrl: `${ESTATE_ORIGIN}/sfc/dist/version/download/?oid=${org15}&ids=${(version.Id as string).slice(0, HIDDEN)}&d=${d}&asPdf=false`,
      ViewCount: 0,
    });
    const user = state.auth.users.get(input.userId);
    emitCrmEvent(state.ctx, {
      action: 'sf.file.share',
      caller: input.caller,
      status: 201,
      ...(user ? { user } : {}),
      resource: { type: 'ContentDistribution', id: distribution.Id as string },
      patientIds: this.patientIdsOf(version),
      fields: ['DistributionPublicUrl'],
      detail: { versionId: version.Id as string, public: true },
    });
    this.distributionEvent('INSERT', distribution, input.userId, input.caller.requestId);
    return { ...distribution };
  }

  /** Containment: deletes the distribution, so its public URL stops working. */
  revokeLink(distributionId: string, by: Actor, caller: Caller): boolean {
    const distribution = this.state.records.get('ContentDistribution', distributionId);
    if (!distribution) return false;
    this.state.records.delete('ContentDistribution', distributionId);
    emitCrmEvent(this.state.ctx, {
      action: 'sf.file.unshare',
      caller,
      status: 204,
      actor: by,
      resource: { type: 'ContentDistribution', id: distribution.Id as string },
      patientIds: this.patientIdsOf(this.version(distribution.ContentVersionId as string)),
    });
    return true;
  }

  /** A live public link: not deleted and not past its expiry date. */
  isLive(distribution: SObjectRecord | undefined): boolean {
    if (!distribution || distribution.IsDeleted) return false;
    const expiry = distribution.ExpiryDate;
    return !(
      distribution.PreferencesExpires === true &&
      typeof expiry === 'string' &&
      Date.parse(expiry) <= this.state.ctx.clock.now()
    );
  }

  version(id: string | undefined): SObjectRecord | undefined {
    return id === undefined ? undefined : this.state.records.get('ContentVersion', id);
  }

  body(versionId: string): Uint8Array | undefined {
    return this.#bodies.get(versionId);
  }

  /** The patient whose Person Account the file is published to. */
  patientIdsOf(version: SObjectRecord | undefined): string[] {
    const accountId = version?.FirstPublishLocationId;
    const account = typeof accountId === 'string' ? this.state.records.get('Account', accountId) : undefined;
    const patientId = account?.FHIR_Patient_Id__c;
    return typeof patientId === 'string' && patientId ? [patientId] : [];
  }

  /** The distribution behind a public-link token, live or not. */
  linkOf(token: string): SObjectRecord | undefined {
    const id = this.#links.get(token);
    return id === undefined ? undefined : this.state.records.get('ContentDistribution', id, true);
  }

  /** Counts a view on the distribution, as its ViewCount/FirstViewDate/LastViewDate do. */
  countView(distribution: SObjectRecord): void {
    const live = this.state.records.get('ContentDistribution', distribution.Id as string);
    if (!live) return;
    const now = sfDateTime(this.state.ctx.clock.now());
    live.ViewCount = Number(live.ViewCount ?? 0) + 1;
    live.FirstViewDate ??= now;
    live.LastViewDate = now;
  }

  distributionEvent(
    action: 'INSERT' | 'VIEW',
    distribution: SObjectRecord,
    userId: string,
    requestId: string,
  ): void {
    this.state.log.append('ContentDistribution', this.state.ctx.clock.now(), requestId, {
      USER_ID: userId,
      ACTION: action,
      DELIVERY_ID: (distribution.Id as string).slice(0, HIDDEN),
      DELIVERY_LOCATION: String(distribution.DistributionPublicUrl ?? ''),
      RELATED_ENTITY_ID:
        typeof distribution.RelatedRecordId === 'string'
          ? distribution.RelatedRecordId.slice(0, HIDDEN)
          : undefined,
      VERSION_ID: String(distribution.ContentVersionId).slice(0, HIDDEN),
    });
  }

  transferEvent(type: string, version: SObjectRecord, userId: string, requestId: string): void {
    const documentId = version.ContentDocumentId as string;
    this.state.log.append('ContentTransfer', this.state.ctx.clock.now(), requestId, {
      USER_ID: userId,
      TRANSACTION_TYPE: type,
      DOCUMENT_ID: documentId.slice(0, HIDDEN),
      DOCUMENT_ID_DERIVED: documentId,
      VERSION_ID: (version.Id as string).slice(0, HIDDEN),
      FILE_TYPE: String(version.FileType),
      FILE_PREVIEW_TYPE: 'UNKNOWN',
      SIZE_BYTES: Number(version.ContentSize ?? 0),
    });
  }
}
