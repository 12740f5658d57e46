import { describe, expect, it } from 'vitest';
import { containmentRig, reasonOf } from './containment-rig.ts';

const BUCKET = '/storage/vendor-outreach-share';
const BLOCK_ALL = `<PublicAccessBlockConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls>
  <BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets>
</PublicAccessBlockConfiguration>`;

/** The exported CSV's key, as the storage telemetry names it. */
async function exported() {
  const rig = await containmentRig('report-export-open-storage');
  const put = rig.events.find(
    (e) => e.action === 'storage.put' && e.detail?.bucket === 'vendor-outreach-share',
  )!;
  return { ...rig, object: `${BUCKET}/${String(put.detail!.key)}` };
}

describe('storage administration a SOAR calls (S3-shaped, responder’s CRM token)', () => {
  it('object ACL to private and the bucket policy deleted: both probes read contained', async () => {
    const rig = await exported();
    const admin = await rig.admin();
    expect(rig.probe('object-private')).toBe(false);
    const acl = await rig.call('PUT', `${rig.object}?acl`, {
      token: admin,
      headers: { 'x-amz-acl': 'private' },
    });
    expect(acl.status).toBe(200);
    // Still readable by anyone through the bucket policy.
    expect(rig.probe('object-private')).toBe(false);
    expect((await rig.call('DELETE', `${BUCKET}?policy`, { token: admin })).status).toBe(204);
    expect(rig.probe('object-private')).toBe(true);
    expect(rig.probe('bucket-private')).toBe(true);
    const logged = rig.events.filter((e) => e.system === 'storage' && e.actor.type === 'responder');
    expect(logged.map((e) => [e.action, e.detail?.acl ?? e.detail?.publicRead])).toEqual([
      ['storage.acl', 'private'],
      ['storage.bucket.policy', false],
    ]);
    expect(rig.estate.storage.state.accessLog.at(-1)?.operation).toBe('REST.DELETE.BUCKETPOLICY');
  });

  it('one PutPublicAccessBlock contains both, and then refuses a public policy or ACL', async () => {
    const rig = await exported();
    const admin = await rig.admin();
    const block = await rig.call('PUT', `${BUCKET}?publicAccessBlock`, { token: admin, body: BLOCK_ALL });
    expect(block.status).toBe(200);
    expect(rig.probe('object-private')).toBe(true);
    expect(rig.probe('bucket-private')).toBe(true);
    const anonymous = await rig.call('GET', rig.object);
    expect(anonymous.status).toBe(403);
    const publicPolicy = JSON.stringify({
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::x/*' }],
    });
    const refused = await rig.call('PUT', `${BUCKET}?policy`, { token: admin, body: publicPolicy });
    expect(refused.status).toBe(403);
    expect(await reasonOf(refused)).toMatch(/BlockPublicPolicy/);
  });

  it('a public policy put back makes the bucket public again: the probe can fail', async () => {
    const rig = await exported();
    const admin = await rig.admin();
    await rig.call('DELETE', `${BUCKET}?policy`, { token: admin });
    const policy = JSON.stringify({
      Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: ['s3:GetObject'] }],
    });
    expect((await rig.call('PUT', `${BUCKET}?policy`, { token: admin, body: policy })).status).toBe(200);
    expect(rig.probe('bucket-private')).toBe(false);
  });

  it('refuses no token (401), a user without Manage Users (403) and bad payloads (400), changing nothing', async () => {
    const rig = await exported();
    const missing = await rig.call('DELETE', `${BUCKET}?policy`);
    expect(missing.status).toBe(401);
    expect(await reasonOf(missing)).toMatch(/access token/);
    expect((await rig.call('PUT', `${rig.object}?acl`, { headers: { 'x-amz-acl': 'private' } })).status).toBe(
      401,
    );
    const desk = await rig.desk();
    const forbidden = await rig.call('DELETE', `${BUCKET}?policy`, { token: desk });
    expect(forbidden.status).toBe(403);
    expect(await reasonOf(forbidden)).toMatch(/Manage Users/);
    const admin = await rig.admin();
    const badAcl = await rig.call('PUT', `${rig.object}?acl`, {
      token: admin,
      headers: { 'x-amz-acl': 'authenticated-read' },
    });
    expect(badAcl.status).toBe(400);
    expect(await reasonOf(badAcl)).toMatch(/x-amz-acl/);
    const badBlock = await rig.call('PUT', `${BUCKET}?publicAccessBlock`, {
      token: admin,
      body: '<PublicAccessBlockConfiguration><IgnorePublicAcls>yes</IgnorePublicAcls></PublicAccessBlockConfiguration>',
    });
    expect(badBlock.status).toBe(400);
    expect(await reasonOf(badBlock)).toMatch(/IgnorePublicAcls: 'yes'/);
    const badPolicy = await rig.call('PUT', `${BUCKET}?policy`, { token: admin, body: '{"Statement": []}' });
    expect(badPolicy.status).toBe(400);
    expect(await reasonOf(badPolicy)).toMatch(/^Statement/);
    expect((await rig.call('DELETE', '/storage/no-such-bucket?policy', { token: admin })).status).toBe(404);
    expect(rig.probe('object-private')).toBe(false);
    expect(rig.probe('bucket-private')).toBe(false);
  });
});
