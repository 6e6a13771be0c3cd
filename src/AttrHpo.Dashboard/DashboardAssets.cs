namespace AttrHpo;

/// <summary>The dashboard's scripts, inlined into its pages.</summary>
internal static class DashboardAssets
{
    /// <summary>
    /// A study page's: asks whether the study changed since the page's version; when it did, fetches the page again and swaps in
    /// its summary, best trial, plots and table rows, keeping the reader's sort and filters.
    /// </summary>
    public const string Live = """
        (() => {
          const name = "__NAME__"; const refresh = __REFRESH__;
          let version = __VERSION__; /*attrhpoVersion=__VERSION__*/
          const tick = async () => {
            try {
              const answer = await fetch(`/api/studies/${encodeURIComponent(name)}/version?since=${version}`, { cache: 'no-store' });
              const { version: now } = await answer.json();
              if (now !== version) {
                const text = await (await fetch(location.href, { cache: 'no-store' })).text();
                const next = new DOMParser().parseFromString(text, 'text/html');
                for (const id of ['summary', 'best', 'plots']) document.getElementById(id).replaceWith(next.getElementById(id));
                document.querySelector('#trial-table tbody').replaceWith(next.querySelector('#trial-table tbody'));
                const state = document.getElementById('state'); const kept = state.value;
                state.innerHTML = next.getElementById('state').innerHTML; state.value = kept;
                version = Number(/attrhpoVersion=(\d+)/.exec(text)[1]);
                document.body.dataset.version = String(version);
                window.attrhpoTable.reapply();
              }
            } catch (e) {
              // The dashboard stopped or the network dropped: try again at the next tick.
            }
            setTimeout(tick, refresh);
          };
          document.body.dataset.version = String(version);
          setTimeout(tick, refresh);
        })();
        """;

    /// <summary>The index's: reloads the list of studies every refresh.</summary>
    public const string Index = """
        (() => {
          const refresh = __REFRESH__;
          const cell = text => { const td = document.createElement('td'); td.textContent = text; return td; };
          const tick = async () => {
            try {
              const studies = await (await fetch('/api/studies', { cache: 'no-store' })).json();
              const rows = studies.map(s => {
                const tr = document.createElement('tr');
                const link = document.createElement('a'); link.href = '/studies/' + encodeURIComponent(s.storageName); link.textContent = s.storageName;
                const first = document.createElement('td'); first.append(link); tr.append(first);
                tr.append(cell(s.direction), cell(String(s.trials)), cell(s.states), cell(s.best ?? ''));
                return tr;
              });
              document.querySelector('#studies tbody').replaceChildren(...rows);
            } catch (e) {
              // Try again at the next tick.
            }
            setTimeout(tick, refresh);
          };
          setTimeout(tick, refresh);
        })();
        """;
}
