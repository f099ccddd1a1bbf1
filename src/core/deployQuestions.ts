import type { DeployField, QuestionDef, StepDef } from './questions';

/**
 * Names and paths only the generated configs need: asked beside the configs, not on the sizing path (issue 11),
 * since none of them changes a number. They keep their checks and their permalink keys. Their own module, so
 * the first screen does not carry their texts.
 */
export const DEPLOY_GROUP: Omit<StepDef, 'fields'> & { fields: DeployField[] } = {
  id: 'deploy',
  title: 'Names and paths',
  intro:
    'For the generated configs only: none of these changes the sizing. Plain names only, so nothing can slip into a config.',
  fields: ['domain', 'djangoModule', 'appDir', 'staticRoot', 'mediaRoot', 'appUser'],
};

export const DEPLOY_QUESTIONS: Record<DeployField, QuestionDef> = {
  domain: {
    label: 'Domain',
    help: 'The site’s host name, for TLS certificates and server_name.',
    kind: 'text',
  },
  djangoModule: {
    label: 'Django project module',
    help: 'The package holding wsgi.py / asgi.py (the name you passed to startproject).',
    kind: 'text',
  },
  appDir: {
    label: 'App directory',
    help: 'Where the project lives on the server; the virtualenv is expected in venv/ inside it.',
    kind: 'text',
  },
  staticRoot: {
    label: 'Static root',
    help: 'Django’s STATIC_ROOT: where collectstatic puts files for the proxy.',
    kind: 'text',
    showIf: (a) => a.staticFiles === 'proxy',
  },
  mediaRoot: {
    label: 'Media root',
    help: 'Django’s MEDIA_ROOT: user uploads the proxy serves.',
    kind: 'text',
    showIf: (a) => a.staticFiles === 'proxy',
  },
  appUser: {
    label: 'System user',
    help: 'The Linux user Gunicorn and Celery run as (not root).',
    kind: 'text',
  },
};
