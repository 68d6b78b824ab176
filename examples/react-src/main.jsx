// A small React single-page app that renders <parley-chat> in one of its
// routes. Switching routes unmounts and remounts the element; the
// conversation survives because the widget keeps it per tenant.
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  const [route, setRoute] = useState('assistant');
  const [count, setCount] = useState(0);
  return (
    <>
      <header className="bar">
        <strong>Northwind Benefits</strong>
        <nav>
          <button
            type="button"
            aria-pressed={route === 'assistant'}
            onClick={() => setRoute('assistant')}
          >
            Assistant
          </button>
          <button type="button" aria-pressed={route === 'plans'} onClick={() => setRoute('plans')}>
            Plans
          </button>
        </nav>
      </header>
      <main>
        {route === 'assistant' ? (
          <section className="chat">
            <p className="count">
              Messages this visit: <output>{count}</output>
            </p>
            <ChatBox onMessage={() => setCount((n) => n + 1)} />
          </section>
        ) : (
          <section>
            <h1>Plans</h1>
            <p>Medical PPO, HDHP with HSA, Dental Basic and Plus, Vision.</p>
          </section>
        )}
      </main>
    </>
  );
}

// `key` is a React-reserved prop, so the publishable key is set as an attribute through a ref.
function ChatBox({ onMessage }) {
  const ref = useRef(null);
  useEffect(() => {
    const element = ref.current;
    element.setAttribute('key', 'pk_test_parley_demo');
    const listener = (event) => onMessage(event.detail);
    element.addEventListener('parley-message', listener);
    return () => element.removeEventListener('parley-message', listener);
  }, [onMessage]);
  return <parley-chat ref={ref} mode="inline" />;
}

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
