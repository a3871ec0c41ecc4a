// Pure. The file name a document is offered under when saved.

/**
 * A name the host's saveFile accepts (shared/host/contract.ts), ending in .pdf: the
 * characters file systems refuse become _, and an empty name becomes 文书.
 */
export function pdfFileName(name: string): string {
  const base =
    name
      .trim()
      .replace(/\.pdf$/i, '')
      .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')
      .slice(0, 190) || '文书';
  return `${base}.pdf`;
}
