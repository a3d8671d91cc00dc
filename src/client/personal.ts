// Personal page behaviour: the page is complete without script (server-rendered); this only shows the loading state while 刷新 reloads it.

interface PageData {
  state: 'page' | 'refused';
  cadreId?: string;
}

/** The JSON the server embedded (escaped for a script element: src/shared/personal-page.ts jsonForScript). */
function pageData(): PageData | null {
  const el = document.getElementById('page-data');
  try {
    return el?.textContent ? (JSON.parse(el.textContent) as PageData) : null;
  } catch {
    return null;
  }
}

function init(): void {
  const data = pageData();
  document.body.dataset.state = data?.state ?? 'unknown';
  const refresh = document.getElementById('refresh');
  refresh?.addEventListener('click', () => {
    // The link reloads the whole web app page (target _top); until it answers, say so.
    document.body.classList.add('is-loading');
  });
}

init();
