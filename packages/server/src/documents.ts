/**
 * A revision's disclosure as a file (the profile's complete document rendered as DOCX or XLSX),
 * and how any file goes out: its content type, and its Chinese name in RFC 5987's `filename*`
 * beside a plain ASCII `filename` for clients that know only that.
 */
import { buildDocument, type DataPackage, type DocumentView } from '@juesuan/core';
import { loadDocumentContext } from '@juesuan/data';
import { renderDocx, renderXlsx } from '@juesuan/render';
import type { FastifyReply } from 'fastify';
import { ApiError } from './errors';

export const DOWNLOAD_FORMATS = {
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    render: (doc: DocumentView) => renderDocx(doc),
  },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    render: (doc: DocumentView) => renderXlsx(doc),
  },
} as const;

export type DownloadFormat = keyof typeof DOWNLOAD_FORMATS;

export interface DocumentFile {
  format: DownloadFormat;
  fileName: string;
  bytes: Uint8Array;
}

function disclosureOf(pkg: DataPackage): DocumentView {
  const { profile, year } = pkg.department;
  const context = loadDocumentContext(profile, year);
  if (!context) {
    throw new ApiError(
      422,
      'unrenderable',
      `口径 ${profile} 缺少情况说明模板或名词解释，不能生成部门决算公开文档`,
    );
  }
  return buildDocument(pkg, context);
}

export async function renderDisclosure(
  pkg: DataPackage,
  formats: readonly DownloadFormat[],
): Promise<DocumentFile[]> {
  const doc = disclosureOf(pkg);
  const name = `${pkg.department.name}${pkg.department.year}年度部门决算`;
  return Promise.all(
    formats.map(async (format) => ({
      format,
      fileName: `${name}.${format}`,
      bytes: await DOWNLOAD_FORMATS[format].render(doc),
    })),
  );
}

export function sendFile(reply: FastifyReply, file: DocumentFile, asciiName: string) {
  return reply
    .header('content-type', DOWNLOAD_FORMATS[file.format].contentType)
    .header(
      'content-disposition',
      `attachment; filename="${asciiName}.${file.format}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .header('content-length', String(file.bytes.length))
    .send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.length));
}
