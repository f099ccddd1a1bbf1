import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DEFAULT_ANSWERS } from './core/defaults';
import { App, type Initial } from './ui/App';
import { loadValidation } from './ui/loadValidation';
import { REVIEW, stepFromHash } from './ui/url';
import './ui/styles.css';

const root = createRoot(document.getElementById('root')!);
const render = (initial: Initial) =>
  root.render(
    <StrictMode>
      <App initial={initial} />
    </StrictMode>,
  );

const fromLink = window.location.search.length > 1;
const step = stepFromHash(window.location.hash) ?? (fromLink ? REVIEW : 0);
if (fromLink) {
  // A permalink must be decoded (and checked) before its answers are shown.
  void loadValidation().then((v) => {
    const decoded = v.decodePermalink(window.location.search);
    render({ ...decoded, step, showResult: true });
  });
} else {
  render({ answers: DEFAULT_ANSWERS, problems: [], notes: [], step, showResult: step === REVIEW });
  void loadValidation();
}
