// DOM. A screen that throws while it renders shows what failed, in Chinese, in its own place:
// without a boundary React unmounts the whole tree and leaves a white window, on the very
// laptop the command post works from. Around it the header, the workspace menu and the other
// sections keep working, and the data can still be exported (the `actions` the caller passes).
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Alert, Button, Result, Space, Typography } from 'antd';
import { errorText } from './errors';

interface Props {
  /** The screen's name as the menu shows it: 现场指挥, 行动列表… */
  screen: string;
  /** Changing it (another section, another operation) gives the screen a fresh start. */
  resetKey: string;
  /** What the user can still do from here, e.g. 导出备份. */
  actions?: ReactNode;
  /** A part of a screen (a status tag, a countdown): one line in its place instead of a page. */
  compact?: boolean;
  /** A whole page of the app (not a section inside one): the message gets the page's margins. */
  page?: boolean;
  children: ReactNode;
}

interface State {
  error: unknown;
  componentStack: string;
}

const CLEAR: State = { error: null, componentStack: '' };

export class ScreenBoundary extends Component<Props, State> {
  override state: State = CLEAR;

  static getDerivedStateFromError(error: unknown): Partial<State> {
    // A thrown null or undefined is still a failure.
    return { error: error ?? new Error('未知错误') };
  }

  override componentDidCatch(_error: unknown, info: ErrorInfo): void {
    this.setState({ componentStack: info.componentStack ?? '' });
  }

  override componentDidUpdate(previous: Props): void {
    if (previous.resetKey !== this.props.resetKey && this.state.error !== null) this.setState(CLEAR);
  }

  override render(): ReactNode {
    const { error, componentStack } = this.state;
    if (error === null) return this.props.children;
    const technical = [error instanceof Error ? `${error.name}: ${error.message}` : String(error), error instanceof Error ? error.stack : '', componentStack].filter(Boolean).join('\n');
    if (this.props.compact) {
      return (
        <Alert
          data-testid="part-error"
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          title={`“${this.props.screen}”未能显示：${errorText(error)}。页面的其他部分不受影响。`}
          description={<Details technical={technical} />}
        />
      );
    }
    return (
      <div className={this.props.page ? 'page' : undefined}>
        <ScreenError screen={this.props.screen} error={error} technical={technical} actions={this.props.actions} retry={() => this.setState(CLEAR)} />
      </div>
    );
  }
}

/** The stack, folded away: for whoever maintains the program, not for the user. */
function Details({ technical }: { technical: string }) {
  return (
    <details>
      <summary>
        <Typography.Text type="secondary">技术细节（供维护人员）</Typography.Text>
      </summary>
      <pre style={{ whiteSpace: 'pre-wrap', fontSize: 12, maxHeight: 240, overflow: 'auto' }}>{technical}</pre>
    </details>
  );
}

function ScreenError({ screen, error, technical, actions, retry }: { screen: string; error: unknown; technical: string; actions: ReactNode; retry: () => void }) {
  return (
    <div data-testid="screen-error" role="alert">
      <Result
        status="error"
        title={`“${screen}”页面出错，未能显示`}
        subTitle="程序的其他部分仍可使用，可从菜单进入其他页面。已保存的数据仍在本机数据库中；为稳妥起见，请先导出备份，再把下面的错误信息告知维护人员。"
        style={{ padding: '16px 0' }}
        extra={
          <Button type="primary" onClick={retry}>
            重新显示此页面
          </Button>
        }
      />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Alert type="error" showIcon title="错误信息" description={<span data-testid="screen-error-message">{errorText(error)}</span>} />
        {actions}
        <Details technical={technical} />
      </Space>
    </div>
  );
}
