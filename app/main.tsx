import { lazy } from 'solid-js';
import { render } from 'solid-js/web';
import { Navigate, Route, Router } from '@solidjs/router';
import './styles/app.css';
import { EnrollScreen } from './screens/enroll/EnrollScreen';
import { SignInScreen } from './screens/signin/SignInScreen';
import { Home, TabletShell } from './screens/shell/TabletShell';
import { StationScreen } from './screens/station/StationScreen';
import { languageReady, loadConsoleWords } from './i18n';
import { refreshStorage } from './session/storage';
import { registerServiceWorker } from './session/update';

// §8: ask the browser to keep our IndexedDB (the outbox lives there) and register the worker.
void refreshStorage(true);
void registerServiceWorker();

// The tablet shell loads only what a station needs; the console and the status screen come as
// their own chunks when opened (both are precached, so they open offline too).
// The console's words come with it (figure 8: they are not in the tablet's first load).
const ConsoleScreen = lazy(() => Promise.all([import('./screens/console/ConsoleScreen'), loadConsoleWords()]).then(([m]) => ({ default: m.ConsoleScreen })));
const StatusScreen = lazy(() => import('./screens/status/StatusScreen').then((m) => ({ default: m.StatusScreen })));
const DocumentScreen = lazy(() => import('./screens/documents/DocumentScreen').then((m) => ({ default: m.DocumentScreen })));
const JobScreen = lazy(() => import('./screens/job/JobScreen').then((m) => ({ default: m.JobScreen })));

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

// A device that speaks Spanish renders once its words are here, not in English first.
void languageReady().then(() =>
  render(
    () => (
      <Router>
        <Route path="/console" component={ConsoleScreen} />
        <Route path="/" component={TabletShell}>
          <Route path="/" component={Home} />
          <Route path="/enroll" component={EnrollScreen} />
          <Route path="/signin" component={SignInScreen} />
          <Route path="/station/:stationId/job/:operationId" component={JobScreen} />
          <Route path="/station/:stationId?" component={StationScreen} />
          <Route path="/status" component={StatusScreen} />
          <Route path="/document/:documentId" component={DocumentScreen} />
          <Route path="*" component={() => <Navigate href="/" />} />
        </Route>
      </Router>
    ),
    root,
  ),
);
