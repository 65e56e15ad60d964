import type { Db, Executor } from "../../db/client.ts";
import type { Ctx } from "../../lib/auth/actor.ts";
import { vnToday } from "../../lib/dates.ts";
import { AppError } from "../../lib/errors.ts";
import type { FileStore } from "../../lib/storage.ts";
import {
  CAPITAL,
  documentPlace,
  documentSymbol,
  findOwnedFile,
  numberingTerm,
  ownedFiles,
  peekDocumentNumber,
  storeMadeDocument,
  upperBodyOf,
} from "../documents/index.ts";
import type { StoredFileRow } from "../files/schema.ts";
import { type DecisionListRow, decisionById, decisionRecipientRows } from "./queries.ts";
import { certificatesPdf, type DecisionDocument } from "./render.ts";
import { unitFacts } from "./steps.ts";

export const DECISION_OWNER = "commendation_decision";
/** Certificate batches kept per decision: older ones are removed when a new one is stored. */
const KEEP_BATCHES = 3;
const MAX_PDF_BYTES = 500 * 1_048_576;

export const certificateUrl = (decisionId: string, fileId: string) =>
  `/api/commendations/decisions/${decisionId}/files/${fileId}`;
export const recipientCertificateUrl = (decisionId: string, recipientId: string) =>
  `/api/commendations/decisions/${decisionId}/recipients/${recipientId}/certificate`;
export const documentUrl = (decisionId: string) => `/api/commendations/decisions/${decisionId}/document`;

/** "01-QĐ/ĐU" of an issued decision, null for a draft. */
export const decisionSymbol = (d: { number: number | null; issuerCode: string | null }) =>
  d.number !== null && d.issuerCode ? documentSymbol(d.number, "QĐ", d.issuerCode) : null;

/**
 * The number a draft would take if the unit issued it today — its next decision (QĐ) number of the
 * term — for the page to preview; nothing is taken (another decision issued first takes it). Null
 * when the unit has no document code yet.
 */
export async function numberPreview(db: Executor, unitId: string): Promise<string | null> {
  const unit = await unitFacts(db, unitId);
  if (!unit.documentCode) return null;
  const term = await numberingTerm(db, unit.path, vnToday());
  const next = await peekDocumentNumber(db, { unitId: unit.id, type: "QĐ", term });
  return documentSymbol(next, "QĐ", unit.documentCode);
}

/**
 * What a decision prints. An issued decision prints the header it kept when issued; a draft the
 * issuing unit's current name, code and place, with blanks for its number and date.
 */
export async function decisionDocument(db: Executor, row: DecisionListRow): Promise<DecisionDocument> {
  const d = row.decision;
  const unit = await unitFacts(db, d.unitId);
  const issued = d.status !== "draft";
  const recipients = await decisionRecipientRows(db, d.id);
  const lines = (s: string) =>
    s
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
  return {
    upperBody: issued ? d.upperName : upperBodyOf(unit),
    issuingBody: (issued ? d.issuerName : null) ?? unit.name,
    symbol: decisionSymbol(d),
    issuerCode: d.issuerCode ?? unit.documentCode,
    place: (issued ? d.place : null) ?? d.place ?? (await documentPlace(db, unit.path)) ?? CAPITAL,
    issuedOn: d.issuedOn,
    year: Number((d.issuedOn ?? vnToday()).slice(0, 4)),
    isCell: unit.kindCode === "cell",
    formName: row.form.name,
    periodStart: d.periodStart,
    periodEnd: d.periodEnd,
    summary: d.summary,
    preamble: d.preamble,
    reason: d.reason,
    corrects:
      row.previous?.id && row.previous.number !== null && row.previous.issuerCode
        ? {
            symbol: documentSymbol(row.previous.number, "QĐ", row.previous.issuerCode),
            issuedOn: row.previous.issuedOn,
          }
        : null,
    correctionReason: d.correctionReason,
    recipientsText: lines(d.recipientsText),
    signer: { authority: lines(d.signerAuthority), title: d.signerTitle, name: d.signerName },
    recipients: recipients.map(({ recipient: r }) => ({
      kind: r.kind,
      position: r.position,
      comrade: r.personId !== null,
      name: r.name,
      unitLabel: r.unitLabel,
      achievement: r.achievement,
    })),
    creator: unit.name,
  };
}

/** The decision's certificate batches, newest first. */
export const certificateFiles = (db: Executor, decisionId: string) =>
  ownedFiles(db, DECISION_OWNER, decisionId);

export const findCertificateFile = (db: Executor, decisionId: string, fileId: string) =>
  findOwnedFile(db, DECISION_OWNER, decisionId, fileId);

/**
 * "Quyết định số 01-QĐ/ĐU.docx", "Giấy khen - Quyết định số 01-QĐ/ĐU.pdf"; a draft is named after
 * its summary ("Dự thảo quyết định - Khen thưởng … .docx"). The download strips the "/" (sendFile).
 */
export const fileNameFor = (d: DecisionDocument, ext: "pdf" | "docx" | "xlsx", what?: string) => {
  const decision = d.symbol ? `Quyết định số ${d.symbol}` : `Dự thảo quyết định - ${d.summary}`;
  return `${what ? `${what} - ` : ""}${decision}.${ext}`;
};

/**
 * Makes the decision's certificates (one page per recipient, progress as they are written), stores
 * the PDF in the file store as the decision's, with its audit row, in one transaction; older
 * batches beyond the last few are removed. Answers what the job returns: the download URL.
 */
export async function generateCertificates(
  deps: { db: Db; files: FileStore },
  ctx: Ctx,
  decisionId: string,
  progress: (value: number) => Promise<void>,
) {
  const row = await decisionById(deps.db, decisionId);
  if (!row) throw new AppError("NOT_FOUND");
  if (row.decision.status === "draft") throw new AppError("STATE_CONFLICT");
  const content = await decisionDocument(deps.db, row);
  const data = await certificatesPdf(content, content.recipients, (done, total) =>
    progress((0.9 * done) / Math.max(total, 1)),
  );
  const file = await storeMadeDocument({
    ...deps,
    ctx,
    owner: { type: DECISION_OWNER, id: decisionId, unitId: row.decision.unitId },
    previous: (tx) => certificateFiles(tx, decisionId),
    keep: KEEP_BATCHES,
    data,
    fileName: fileNameFor(content, "pdf", content.formName),
    allowed: ["pdf"],
    maxBytes: MAX_PDF_BYTES,
    event: "commendation_decision.certificates",
    audit: (file) => ({
      fileId: file.id,
      fileName: file.fileName,
      size: file.size,
      pages: content.recipients.length,
    }),
  });
  await progress(1);
  return {
    url: certificateUrl(decisionId, file.id),
    fileId: file.id,
    fileName: file.fileName,
    size: file.size,
    pages: content.recipients.length,
  };
}

export const presentCertificateFile = (decisionId: string, f: StoredFileRow) => ({
  id: f.id,
  fileName: f.fileName,
  size: f.size,
  url: certificateUrl(decisionId, f.id),
  createdAt: f.createdAt.toISOString(),
});
