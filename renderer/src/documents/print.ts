// DOM. Prints the preview's pages. The CSP forbids frames and plugins, so the PDF itself
// cannot be handed to the print dialog; what is printed are the page images pdf.js drew,
// at twice screen resolution. Saving the PDF and printing it from a PDF reader gives
// the full quality, and the user is told so.

export type PrintOutcome = 'printed' | 'unsupported' | 'notReady';

const AREA_ID = 'pdf-print-area';

/** Prints the page canvases under `root`, expecting `pageCount` of them. */
export async function printPages(root: HTMLElement | null, pageCount: number): Promise<PrintOutcome> {
  if (typeof window.print !== 'function') return 'unsupported';
  const canvases = root ? [...root.querySelectorAll('canvas')] : [];
  if (pageCount === 0 || canvases.length < pageCount) return 'notReady';

  // A print whose afterprint never came leaves its area behind.
  document.getElementById(AREA_ID)?.remove();
  const area = document.createElement('div');
  area.id = AREA_ID;
  const images = canvases.map((canvas) => {
    const image = document.createElement('img');
    image.src = canvas.toDataURL('image/png');
    return image;
  });
  area.append(...images);
  document.body.append(area);
  const cleanUp = () => {
    area.remove();
    document.body.classList.remove('pdf-printing');
    window.removeEventListener('afterprint', cleanUp);
  };
  try {
    // The dialog must not open before the images are decoded, or it prints blank sheets.
    await Promise.all(images.map((image) => image.decode()));
    document.body.classList.add('pdf-printing');
    window.addEventListener('afterprint', cleanUp);
    window.print();
    return 'printed';
  } catch {
    cleanUp();
    return 'unsupported';
  }
}
