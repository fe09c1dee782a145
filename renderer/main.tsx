import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectToHlkAssist } from './api/connect-to-hlk-assist';
import { App } from './app/App';
import { createAppStore } from './store/app-store';
import { AppStoreContext } from './store/use-app';
import './styles/base.css';
import './styles/layout.css';
import './styles/machine.css';
import './styles/operations.css';
import './styles/signing.css';
import './styles/events.css';
import './styles/readiness.css';
import './styles/logs.css';
import './styles/viewer.css';
import './styles/setup.css';
import './styles/hlk.css';
import './styles/tapdiag.css';
import './styles/journal.css';

const store = createAppStore(connectToHlkAssist(window));
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <AppStoreContext value={store}>
      <App />
    </AppStoreContext>
  </StrictMode>,
);
