import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './App';
import { adoptHarnessToken } from './api/client';
import './styles.css';

adoptHarnessToken();
dayjs.locale('zh-cn');
z.config(z.locales.zhCN());

/**
 * A calm, dense office look: small controls, muted blue, system CJK fonts. No motion and no click wave: the
 * clerks work at the keyboard all day, and each animation repaints the screen for a few hundred milliseconds.
 */
const theme = {
  token: {
    motion: false,
    colorPrimary: '#1f5fa8',
    borderRadius: 4,
    fontSize: 14,
    fontFamily: `"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif`,
  },
  components: { Table: { cellPaddingBlockSM: 6 }, Layout: { headerHeight: 48, headerPadding: '0 20px' } },
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={theme} componentSize="middle" wave={{ disabled: true }}>
      <AntApp>
        <App />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
