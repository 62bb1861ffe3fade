// The top bar's navigation between views: one link per view (a real href, so it opens in a new tab too), the current
// one marked with aria-current; a plain click navigates through the route source (one history entry).

import type { Route } from '../../state/route';
import { formatHash, sameRoute } from '../../state/route';

export interface ViewTab {
  label: string;
  testId: string;
  /** Where the tab leads. */
  route: Route;
  /** Whether the route shown now belongs to this tab. */
  active: (r: Route) => boolean;
  title?: string;
}

export function ViewTabs({ tabs, current, navigate }: { tabs: ViewTab[]; current: Route; navigate: (r: Route) => void }) {
  return (
    <nav className="view-tabs" aria-label="views">
      {tabs.map((t) => {
        const on = t.active(current);
        return (
          <a
            key={t.label}
            href={formatHash(t.route) || '#'}
            data-testid={t.testId}
            className={on ? 'view-tab active' : 'view-tab'}
            aria-current={on ? 'page' : undefined}
            title={t.title}
            onClick={(e) => {
              if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
              e.preventDefault();
              if (!on && !sameRoute(t.route, current)) navigate(t.route);
            }}
          >
            {t.label}
          </a>
        );
      })}
    </nav>
  );
}
