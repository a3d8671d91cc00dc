// PDF export of one sheet (A4) into a Drive folder; fails soft with a Chinese reason.

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const PDF_FOLDER_KEY = 'jifen.pdfFolderId';
const FOLDER_NAME = '积分公示PDF';

/**
 * The export URL for one sheet on A4. Google does not document this endpoint; the parameters are the
 * ones community code has used for years (apps-script-facts §7.1).
 */
export function pdfExportUrl(ssId: string, sheetId: number, portrait = true): string {
  const params = [
    'format=pdf',
    'exportFormat=pdf',
    `gid=${sheetId}`,
    'size=A4',
    `portrait=${portrait}`,
    'fitw=true',
    'gridlines=false',
    'printtitle=false',
    'sheetnames=false',
    'pagenum=CENTER',
    'fzr=false',
    'top_margin=0.5',
    'bottom_margin=0.5',
    'left_margin=0.4',
    'right_margin=0.4',
  ];
  return `https://docs.google.com/spreadsheets/d/${encodeURIComponent(ssId)}/export?${params.join('&')}`;
}

function folder(): GoogleAppsScript.Drive.Folder {
  const props = PropertiesService.getDocumentProperties();
  const id = props.getProperty(PDF_FOLDER_KEY);
  if (id) {
    try {
      return DriveApp.getFolderById(id);
    } catch {
      // deleted: make a new one
    }
  }
  const f = DriveApp.createFolder(FOLDER_NAME);
  props.setProperty(PDF_FOLDER_KEY, f.getId());
  return f;
}

export type PdfResult = { ok: true; url: string } | { ok: false; reason: string };

/** Exports a sheet as PDF into the 积分公示PDF folder. Never throws. */
export function exportSheetPdf(ss: Spreadsheet, sheet: Sheet, name: string, portrait = true): PdfResult {
  try {
    SpreadsheetApp.flush(); // pending writes must be in the export
    const url = pdfExportUrl(ss.getId(), sheet.getSheetId(), portrait);
    let res: GoogleAppsScript.URL_Fetch.HTTPResponse | null = null;
    // Rapid exports get HTTP 429: retry a few times with a growing pause.
    for (let attempt = 0; attempt < 3; attempt++) {
      res = UrlFetchApp.fetch(url, {
        headers: { Authorization: `Bearer ${ScriptApp.getOAuthToken()}` },
        muteHttpExceptions: true,
      });
      if (res.getResponseCode() !== 429) break;
      Utilities.sleep(2000 * (attempt + 1));
    }
    const code = res!.getResponseCode();
    if (code !== 200) return { ok: false, reason: `Google 返回 HTTP ${code}` };
    const file = folder().createFile(res!.getBlob().setName(`${name}.pdf`));
    return { ok: true, url: file.getUrl() };
  } catch (e) {
    return { ok: false, reason: (e as Error)?.message ?? String(e) };
  }
}
