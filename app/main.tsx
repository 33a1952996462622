import { render } from 'solid-js/web';
import { Navigate, Route, Router } from '@solidjs/router';
import './styles/app.css';
import { ConsoleScreen } from './screens/console/ConsoleScreen';
import { EnrollScreen } from './screens/enroll/EnrollScreen';
import { JobScreen } from './screens/job/JobScreen';
import { SignInScreen } from './screens/signin/SignInScreen';
import { Home, TabletShell } from './screens/shell/TabletShell';
import { StationScreen } from './screens/station/StationScreen';
import { StatusScreen } from './screens/status/StatusScreen';
import { refreshStorage } from './session/storage';
import { registerServiceWorker } from './session/update';

// §8: ask the browser to keep our IndexedDB (the outbox lives there) and register the worker.
void refreshStorage(true);
void registerServiceWorker();

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

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
        <Route path="*" component={() => <Navigate href="/" />} />
      </Route>
    </Router>
  ),
  root,
);
