namespace AttrHpo;

/// <summary>The report's style sheet and script, inlined into the page so that it opens with no network.</summary>
internal static class ReportAssets
{
    public const string Style = """
        body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1200px; color: #222; }
        h1 { margin-bottom: 0; } .written { color: #666; margin-top: 0.2em; }
        dl { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; } dt { font-weight: 600; } dd { margin: 0; }
        #plots { display: flex; flex-wrap: wrap; gap: 1em; } #plots h2 { width: 100%; }
        figure { margin: 0; } figcaption { font-weight: 600; } img.plot { width: 560px; max-width: 100%; border: 1px solid #ddd; }
        .missing { color: #666; font-style: italic; max-width: 560px; }
        .filters { margin: 0.5em 0; } #filter { width: 24em; }
        table { border-collapse: collapse; font-size: 0.9em; } th, td { border: 1px solid #ddd; padding: 0.2em 0.5em; text-align: right; }
        th { background: #f3f3f3; cursor: pointer; user-select: none; position: sticky; top: 0; }
        th[aria-sort=ascending]::after { content: " ▲"; } th[aria-sort=descending]::after { content: " ▼"; }
        tr[data-state=failed] { background: #fdecec; } tr[data-state=pruned] { background: #fff6e6; } tr[data-state=running] { background: #eefaf0; }
        """;

    /// <summary>
    /// Sorts the table by a clicked header (numbers as numbers, again to reverse) and filters its rows by text and state.
    /// <c>attrhpoTable.reapply()</c> sorts and filters again after the rows are replaced (the dashboard does so).
    /// </summary>
    public const string Script = """
        (() => {
          const table = document.getElementById('trial-table');
          const filter = document.getElementById('filter');
          const state = document.getElementById('state');
          const shown = document.getElementById('shown');
          let current = null;
          const key = (row, i) => { const c = row.cells[i]; return c.dataset.v !== undefined ? Number(c.dataset.v) : c.textContent; };
          const sortBy = (i, ascending) => {
            current = { i, ascending };
            for (const h of table.tHead.rows[0].cells) h.removeAttribute('aria-sort');
            table.tHead.rows[0].cells[i].setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
            const body = table.tBodies[0];
            const rows = [...body.rows];
            rows.sort((a, b) => {
              const blankA = a.cells[i].textContent === '', blankB = b.cells[i].textContent === '';
              if (blankA !== blankB) return blankA ? 1 : -1;
              const x = key(a, i), y = key(b, i);
              const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
              return ascending ? order : -order;
            });
            body.append(...rows);
          };
          const apply = () => {
            const text = filter.value.trim().toLowerCase(); const body = table.tBodies[0]; let count = 0;
            for (const row of body.rows) {
              const visible = (!state.value || row.dataset.state === state.value) && (!text || row.textContent.toLowerCase().includes(text));
              row.hidden = !visible; if (visible) count++;
            }
            shown.textContent = `${count} of ${body.rows.length} trials shown`;
          };
          table.tHead.addEventListener('click', e => {
            const th = e.target.closest('th'); if (!th) return;
            sortBy(th.cellIndex, !(current && current.i === th.cellIndex && current.ascending));
            apply();
          });
          filter.addEventListener('input', apply); state.addEventListener('change', apply); apply();
          window.attrhpoTable = { reapply: () => { if (current) sortBy(current.i, current.ascending); apply(); } };
        })();
        """;
}
