// DOM. Where the user is in the app, kept in the URL hash so a reload returns to the
// same screen. UI state only: nothing here is persistent data.
import { create } from 'zustand';

export const workspaceSections = [
  'overview',
  'commandPost',
  'plan',
  'documents',
  'onSite',
  'evidence',
  'courtReport',
  'archive',
  'stations',
] as const;
export type WorkspaceSection = (typeof workspaceSections)[number];

export type Route =
  | { page: 'operations' }
  | { page: 'newOperation' }
  | { page: 'stations' }
  | { page: 'workspace'; operationId: string; section: WorkspaceSection };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'new') return { page: 'newOperation' };
  if (parts[0] === 'stations') return { page: 'stations' };
  if (parts[0] === 'operations' && parts[1]) {
    const section = workspaceSections.find((s) => s === parts[2]) ?? 'overview';
    return { page: 'workspace', operationId: decodeURIComponent(parts[1]), section };
  }
  return { page: 'operations' };
}

export function routeHash(route: Route): string {
  switch (route.page) {
    case 'operations':
      return '#/';
    case 'newOperation':
      return '#/new';
    case 'stations':
      return '#/stations';
    case 'workspace':
      return `#/operations/${encodeURIComponent(route.operationId)}/${route.section}`;
  }
}

interface RouteState {
  route: Route;
  navigate: (route: Route) => void;
}

export const useRoute = create<RouteState>((set) => ({
  route: parseRoute(window.location.hash),
  navigate: (route) => {
    window.location.hash = routeHash(route);
    set({ route });
  },
}));

window.addEventListener('hashchange', () => useRoute.setState({ route: parseRoute(window.location.hash) }));
