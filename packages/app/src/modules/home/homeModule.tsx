import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

const content = `
## Model monitoring for every model in the catalog

Each model's catalog page shows its **drift status, model quality, risk and dashboards**;
owners are alerted when a monitor keeps finding violations.

- **[Model monitoring overview](/model-monitoring)** — every monitored model, its status,
  risk, owner and open alerts.
- **[Catalog](/catalog)** — open a model (for example the
  [housing price regressor](/catalog/default/component/housing-price-regressor)) and its
  *Monitoring* tab: feature drift over time, violations, distributions, quality.
- **[Create](/create)** — onboard a new model to monitoring with a Software Template.

The demo models run on the built-in engine, which writes SageMaker Model Monitor's formats;
new traffic arrives every minute, so statuses and charts move.
`;

const gettingStartedWidget = HomePageWidgetBlueprint.make({
  name: 'getting-started',
  params: {
    name: 'GettingStarted',
    title: 'Model monitoring',
    description: 'Where to find monitored models, their dashboards and onboarding',
    components: async () => ({
      Content: () => <MarkdownContent content={content} />,
    }),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [gettingStartedWidget],
});
