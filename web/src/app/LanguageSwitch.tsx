import { Segmented } from 'antd';
import { useI18n, type Locale } from '../i18n/i18n';

export function LanguageSwitch() {
  const { locale, setLocale } = useI18n();
  return (
    <Segmented<Locale>
      size="small"
      data-testid="lang-switch"
      value={locale}
      onChange={setLocale}
      options={[
        { label: <span data-testid="lang-zh">中文</span>, value: 'zh-CN' },
        { label: <span data-testid="lang-en">English</span>, value: 'en' },
      ]}
    />
  );
}
