// PDF export of one sheet (A4) into a Drive folder; fails soft with a Chinese reason.

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const PDF_FOLDER_KEY = 'jifen.pdfFolderId';
/** Document property holding the Drive link of a tab's exported PDF (the sidebar links it). */
export const pdfUrlKey = (tabName: string) => `jifen.pdfUrl.${tabName}`;

/**
 * The PDF exported for a tab, if any. Why document properties and not a 公示记录 column: that row is sealed
 * into the digest chain when it is written, before the export, and a link is not part of what is published.
 */
export function storedPdfUrl(tabName: string): string | undefined {
  return PropertiesService.getDocumentProperties().getProperty(pdfUrlKey(tabName)) ?? undefined;
}
const FOLDER_NAME = '积分公示PDF';

/** How a sheet prints: the 公示 tab portrait, the 报告 landscape. */
export interface PdfLayout {
  portrait: boolean;
  /**
   * Repeat the frozen rows at the top of every page (`fzr`). The tabs the add-on exports (公示, 报告)
   * freeze no rows, their tables start below a title; the summary tabs (月度汇总, 年度汇总, 积分台账,
   * header frozen by setup) are not exported by the add-on, and File › Print repeats their frozen header.
   */
  repeatFrozenRows?: boolean;
}

/**
 * The export URL for one sheet on A4, fitted to the page width. Google does not document this endpoint;
 * the parameters are the ones community code has used for years (apps-script-facts §7.1: Spencer Easton's
 * gist https://gist.github.com/Spencer-Easton/78f9867a691e549c9c70 — size, portrait, fitw, gridlines,
 * printtitle, sheetnames, pagenum, fzr, the four margins in inches, gid for one sheet).
 * Why a URL at all: Apps Script has no print-setup API for sheets — the Sheet class has no page
 * orientation, paper size, fit or repeated-rows setting (DOC https://developers.google.com/apps-script/reference/spreadsheet/sheet;
 * none in @types/google-apps-script either), and the Drive export gives no PDF options
 * (https://issuetracker.google.com/issues/79378403, cited in googleapis/google-api-dotnet-client#1670).
 * So the print setup of a Sheets PDF lives only in these parameters.
 */
export function pdfExportUrl(ssId: string, sheetId: number, layout: PdfLayout = { portrait: true }): string {
  const params = [
    'format=pdf',
    'exportFormat=pdf',
    `gid=${sheetId}`,
    'size=A4',
    `portrait=${layout.portrait}`,
    'fitw=true',
    'gridlines=false',
    'printtitle=false',
    'sheetnames=false',
    'pagenum=CENTER',
    `fzr=${layout.repeatFrozenRows === true}`,
    'top_margin=0.5',
    'bottom_margin=0.5',
    'left_margin=0.4',
    'right_margin=0.4',
  ];
  return `https://docs.google.com/spreadsheets/d/${encodeURIComponent(ssId)}/export?${params.join('&')}`;
}

const FOLDER_MIME = 'application/vnd.google-apps.folder';

/**
 * Why the advanced Drive service and not DriveApp: DriveApp.createFolder / getFolderById /
 * Folder.createFile list only the full (restricted) `drive` scope or `drive.readonly`
 * (DOC https://developers.google.com/apps-script/reference/drive/drive-app#createFolder(String)), and an
 * explicit oauthScopes list grants exactly what it names (DOC https://developers.google.com/apps-script/concepts/scopes).
 * Drive API v3 files.create and files.get accept `drive.file` for files this script created
 * (DOC https://developers.google.com/workspace/drive/api/reference/rest/v3/files/create,
 * https://developers.google.com/workspace/drive/api/guides/about-auth). The service is enabled in
 * appsscript.json (dependencies.enabledAdvancedServices, DOC https://developers.google.com/apps-script/advanced/drive).
 */
function drive(): GoogleAppsScript.Drive {
  if (typeof Drive === 'undefined' || !Drive) {
    throw new Error('未启用 Drive 高级服务：appsscript.json 的 enabledAdvancedServices 缺少 Drive v3');
  }
  return Drive;
}

/** The 积分公示PDF folder's id: the stored one if it still exists (and is not in the trash), else a new one. */
function folderId(): string {
  const props = PropertiesService.getDocumentProperties();
  const id = props.getProperty(PDF_FOLDER_KEY);
  if (id) {
    try {
      if (drive().Files.get(id, { fields: 'id,trashed' }).trashed !== true) return id;
    } catch {
      // deleted (or no longer ours): make a new one
    }
  }
  // A folder is a file with the folder MIME type (DOC https://developers.google.com/workspace/drive/api/guides/folder).
  // Without `fields` the API returns kind, id, name and mimeType: the id is all we need.
  const f = drive().Files.create({ name: FOLDER_NAME, mimeType: FOLDER_MIME });
  const newId = f.id as string;
  props.setProperty(PDF_FOLDER_KEY, newId);
  return newId;
}

export type PdfResult = { ok: true; url: string } | { ok: false; reason: string };

/** Exports a sheet as PDF into the 积分公示PDF folder. Never throws. */
export function exportSheetPdf(
  ss: Spreadsheet,
  sheet: Sheet,
  name: string,
  layout: PdfLayout = { portrait: true },
): PdfResult {
  try {
    SpreadsheetApp.flush(); // pending writes must be in the export
    const url = pdfExportUrl(ss.getId(), sheet.getSheetId(), layout);
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
    const parent = folderId();
    const file = drive().Files.create(
      { name: `${name}.pdf`, mimeType: 'application/pdf', parents: [parent] },
      res!.getBlob().setName(`${name}.pdf`),
      { fields: 'id,webViewLink' },
    );
    const link = file.webViewLink ?? `https://drive.google.com/file/d/${file.id}/view`;
    PropertiesService.getDocumentProperties().setProperty(pdfUrlKey(name), link);
    return { ok: true, url: link };
  } catch (e) {
    return { ok: false, reason: (e as Error)?.message ?? String(e) };
  }
}
