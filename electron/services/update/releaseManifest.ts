import yaml from 'js-yaml';
import { AppError, ERROR_CODES } from '../../../shared/contract/errors';
import { isValidReleaseSignature } from './releaseSignature';

/** What a signed update feed offers: the fields of electron-builder's latest.yml we rely on. */
export interface ReleaseManifest {
  version: string;
  files: Array<{ url: string; sha512: string; size: number }>;
  releaseDate: string | null;
  releaseNotes: string | null;
}

const refuse = (message: string) => new AppError(ERROR_CODES.badFile, message);

/** Check the signature first, then read the metadata; anything else is refused with a Chinese reason. */
export function readSignedManifest(metadata: Buffer, signature: string | null, publicKey: string | null): ReleaseManifest {
  if (!publicKey) throw refuse('本版本未配置发布公钥，无法验证更新包，已拒绝更新');
  if (!signature) throw refuse('更新源缺少签名文件（.sig），无法确认更新包来自本项目，已拒绝');
  if (!isValidReleaseSignature(metadata, signature, publicKey)) throw refuse('更新包签名无效：更新信息可能被篡改或不是本项目发布的，已拒绝');
  const raw = yaml.load(metadata.toString('utf8')) as Record<string, unknown> | null;
  const files = Array.isArray(raw?.files) ? (raw.files as Array<Record<string, unknown>>) : [];
  if (typeof raw?.version !== 'string' || files.length === 0 || files.some((f) => typeof f.url !== 'string' || typeof f.sha512 !== 'string')) {
    throw refuse('更新信息格式不正确（缺少版本号或安装包校验值）');
  }
  const notes = raw.releaseNotes;
  return {
    version: raw.version,
    files: files.map((f) => ({ url: f.url as string, sha512: f.sha512 as string, size: Number(f.size ?? 0) })),
    releaseDate: typeof raw.releaseDate === 'string' ? raw.releaseDate : null,
    releaseNotes: typeof notes === 'string' ? notes : Array.isArray(notes) ? notes.map((n) => (n as { note?: string }).note ?? '').join('\n') : null,
  };
}

/** -1, 0 or 1; versions are plain x.y.z (release builds never carry pre-release tags). */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(v.trim());
    if (!match) throw refuse(`版本号格式不正确：${v}`);
    return match.slice(1).map(Number);
  };
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}
