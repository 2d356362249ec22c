import { useTranslation } from 'react-i18next';
import { AnalysisPage } from './analysis/AnalysisPage.tsx';
import { HomePage } from './home/HomePage.tsx';
import { parseAnalysisLocation } from './sync/links.ts';

/** Two pages: the start page and one analysis (`/a/<id>#<token>`). */
export function App() {
  const { t } = useTranslation();
  const { pathname, hash } = window.location;
  if (pathname === '/' || pathname === '') return <HomePage />;
  const target = parseAnalysisLocation(pathname, hash);
  if (target?.token) return <AnalysisPage key={`${target.id}`} id={target.id} token={target.token} />;
  return (
    <main className="home">
      <h1>Samenzicht</h1>
      <p className="banner banner--warning" role="alert">
        {t('analysis.missingToken')}
      </p>
      <a href="/">{t('analysis.home')}</a>
    </main>
  );
}
