/**
 * Which bundle layout a set of files follows (`reference/bundle-layouts.md`), and where its
 * root is. Found by marker paths wherever they sit, never by depth: customers re-pack bundles
 * inside extra folders and archives.
 */

export type LayoutName = 'support-bundle' | 'must-gather' | 'cluster-info-dump' | 'kubectl-output';

export interface LayoutMatch {
  layout: LayoutName;
  /** The folder that holds the layout's markers ('' for the bundle's own top). */
  root: string;
  /** The marker path that proved it. */
  marker: string;
}

interface Marker {
  layout: LayoutName;
  /** The root is group 1 (with its trailing slash) or ''. */
  pattern: RegExp;
}

/** Strong markers, as data. */
const MARKERS: Marker[] = [
  { layout: 'support-bundle', pattern: /^(.*?)cluster-resources\/(?:pods|events)\/[^/]+\.json$/ },
  { layout: 'support-bundle', pattern: /^(.*?)cluster-resources\/pods\/logs\/[^/]+\/[^/]+\/[^/]+\.log$/ },
  { layout: 'must-gather', pattern: /^(.*?)namespaces\/[^/]+\/core\/pods\.yaml$/ },
  { layout: 'must-gather', pattern: /^(.*?)namespaces\/[^/]+\/pods\/[^/]+\/([^/]+)\/\2\/logs\/(?:current|previous)(?:\.insecure)?\.log$/ },
  { layout: 'must-gather', pattern: /^(.*?)cluster-scoped-resources\/[^/]+\/[^/]+\.yaml$/ },
  { layout: 'cluster-info-dump', pattern: /^(.*?)[^/]+\/replication-controllers\.(?:json|ya?ml|txt)$/ },
];

/** Layouts recognised from the bundle's paths and what its files were detected as. */
export function detectLayouts(files: { path: string; kind: string }[]): LayoutMatch[] {
  const found = new Map<string, LayoutMatch>();
  for (const { path, kind } of files) {
    for (const m of MARKERS) {
      const hit = m.pattern.exec(path);
      if (!hit) continue;
      // The cluster-info dump's namespace folders sit beside nodes.json: the root is one up.
      let root = hit[1] ?? '';
      if (m.layout === 'cluster-info-dump') {
        const nsDir = path.slice(0, path.lastIndexOf('/'));
        root = nsDir.includes('/') ? `${nsDir.slice(0, nsDir.lastIndexOf('/'))}/` : '';
      }
      // must-gather namespaces/ and cluster-scoped-resources/ share the image folder as root.
      const key = `${m.layout}|${root}`;
      if (!found.has(key)) found.set(key, { layout: m.layout, root, marker: path });
    }
    if (kind === 'cluster-dump-stream') {
      const key = `cluster-info-dump|${path}`;
      if (!found.has(key)) found.set(key, { layout: 'cluster-info-dump', root: path, marker: path });
    }
    if (kind === 'cluster-dump-logs') {
      const root = path.split('/').slice(0, -3).join('/');
      const key = `cluster-info-dump|${root ? `${root}/` : ''}`;
      if (!found.has(key)) found.set(key, { layout: 'cluster-info-dump', root: root ? `${root}/` : '', marker: path });
    }
  }
  // A must-gather found through a nested path is the same one as its parent's.
  const layouts = [...found.values()].filter((l) => ![...found.values()].some((o) => o !== l && o.layout === l.layout && l.root.startsWith(o.root) && o.root !== l.root));
  if (layouts.length === 0 && files.some((f) => /^(?:describe|events|get-|top-|container-log|manifest)/.test(f.kind))) {
    return [{ layout: 'kubectl-output', root: '', marker: files.find((f) => /^(?:describe|events|get-|top-|container-log|manifest)/.test(f.kind))!.path }];
  }
  return layouts.sort((a, b) => a.root.localeCompare(b.root) || a.layout.localeCompare(b.layout));
}
