<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>AccountPage</name>
    <message>
        <location filename="../../lumio_desktop/ui/wizard.py" line="+271"/>
        <source>The account</source>
        <translation>A conta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the provider says about this account.</source>
        <translation>O que o provedor informa sobre esta conta.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+15"/>
        <source>Checking the account…</source>
        <translation>Verificando a conta…</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Check again</source>
        <translation>Verificar de novo</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Account: {account}</source>
        <translation>Conta: {account}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The account is connected, but the check found a problem:</source>
        <translation>A conta está conectada, mas a verificação encontrou um problema:</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../lumio_desktop/app.py" line="+210"/>
        <source>schedules and webhooks run in another Lumio process (lumio-sync daemon)</source>
        <translation>agendamentos e webhooks rodam em outro processo do Lumio (lumio-sync daemon)</translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="../../lumio_desktop/ui/screenshots.py" line="+71"/>
        <source>Webhook receiver on {address}</source>
        <translation>Receptor de webhooks em {address}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Webhook receiver off: {reason}</source>
        <translation>Receptor de webhooks desligado: {reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>disabled</source>
        <translation>desativado</translation>
    </message>
    <message>
        <location filename="../../lumio_desktop/ui/crash.py" line="+12"/>
        <source>Lumio Desktop hit an error</source>
        <translation>O Lumio Desktop encontrou um erro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Something went wrong: {summary}

A report was saved to {report}. Lumio keeps running; if something looks wrong, restart it.</source>
        <translation>Algo deu errado: {summary}

Um relatório foi salvo em {report}. O Lumio continua em execução; se algo parecer errado, reinicie-o.</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <location filename="../../lumio_desktop/ui/controller.py" line="+99"/>
        <source>Reading records</source>
        <translation>Lendo os registros</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Refreshing the dashboard</source>
        <translation>Atualizando o painel</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Sync is not available</source>
        <translation>A sincronização não está disponível</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The sync engine is not running in this window.</source>
        <translation>O mecanismo de sincronização não está em execução nesta janela.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Starting the sync</source>
        <translation>Iniciando a sincronização</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Starting the syncs</source>
        <translation>Iniciando as sincronizações</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Sync queued</source>
        <translation>Sincronização na fila</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelling the sync</source>
        <translation>Cancelando a sincronização</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelling the sync…</source>
        <translation>Cancelando a sincronização…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot run again</source>
        <translation>Não é possível executar de novo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The connection of this job was removed.</source>
        <translation>A conexão desta tarefa foi removida.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Running the job again</source>
        <translation>Executando a tarefa de novo</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The record was not saved</source>
        <translation>O registro não foi salvo</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Saved {n} change(s); pushed on the next sync where the connection allows it</source>
        <translation>{n} alteração(ões) salva(s); enviada(s) na próxima sincronização, onde a conexão permitir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing changed</source>
        <translation>Nada mudou</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saving the record</source>
        <translation>Salvando o registro</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Resolving conflicts</source>
        <translation>Resolvendo conflitos</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Some conflicts were not resolved</source>
        <translation>Alguns conflitos não foram resolvidos</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Resolved {n} conflict(s); pushing Lumio&apos;s values now.</source>
        <translation>{n} conflito(s) resolvido(s); enviando os valores do Lumio agora.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolved {n} conflict(s). They will be pushed on the next sync.</source>
        <translation>{n} conflito(s) resolvido(s). Serão enviados na próxima sincronização.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved {n} conflict(s).</source>
        <translation>{n} conflito(s) resolvido(s).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Undoing the resolution</source>
        <translation>Desfazendo a resolução</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Undo was only partly possible</source>
        <translation>Só foi possível desfazer em parte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undid {n} resolution(s): the conflicts are open again</source>
        <translation>{n} resolução(ões) desfeita(s): os conflitos estão abertos de novo</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Looking for duplicates</source>
        <translation>Procurando duplicatas</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Merged {n} records into lead #{id}</source>
        <translation>{n} registros mesclados no lead nº {id}</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+12"/>
        <source>Merging duplicates</source>
        <translation>Mesclando duplicatas</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Merged {n} groups</source>
        <translation>{n} grupos mesclados</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The merge was not undone</source>
        <translation>A mesclagem não foi desfeita</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merge undone: {n} records stand alone again.</source>
        <translation>Mesclagem desfeita: {n} registros voltaram a ser independentes.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kept (changed since): {fields}.</source>
        <translation>Mantidos (alterados desde então): {fields}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Undoing the merge</source>
        <translation>Desfazendo a mesclagem</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Connection saved</source>
        <translation>Conexão salva</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saving the connection</source>
        <translation>Salvando a conexão</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Settings were not saved</source>
        <translation>As configurações não foram salvas</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Settings saved to {path}</source>
        <translation>Configurações salvas em {path}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Schedules</source>
        <translation>Agendamentos</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The scheduler is not running in this window.</source>
        <translation>O agendador não está em execução nesta janela.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Scheduled syncs paused</source>
        <translation>Sincronizações agendadas pausadas</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Scheduled syncs resumed</source>
        <translation>Sincronizações agendadas retomadas</translation>
    </message>
</context>
<context>
    <name>AuthPage</name>
    <message>
        <location filename="../../lumio_desktop/ui/wizard.py" line="-181"/>
        <source>Authorization</source>
        <translation>Autorização</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>app client id</source>
        <translation>client id do app</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>app client secret</source>
        <translation>client secret do app</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>App client id</source>
        <translation>Client ID do app</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>App client secret</source>
        <translation>Client secret do app</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in with the browser</source>
        <translation>Entrar pelo navegador</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Waiting for you to approve Lumio in your browser…</source>
        <translation>Aguardando você aprovar o Lumio no navegador…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>waiting for the browser</source>
        <translation>aguardando o navegador</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open the browser again</source>
        <translation>Abrir o navegador de novo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel sign-in</source>
        <translation>Cancelar login</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancel the sign-in</source>
        <translation>cancelar o login</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>access token</source>
        <translation>token de acesso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect</source>
        <translation>Conectar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Access token</source>
        <translation>Token de acesso</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Sign in to {provider} in your browser and approve Lumio; this window waits.</source>
        <translation>Entre no {provider} pelo navegador e aprove o Lumio; esta janela aguarda.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste the {provider} token; it is kept in the system keychain, never in Lumio&apos;s files.</source>
        <translation>Cole o token do {provider}; ele fica no chaveiro do sistema, nunca nos arquivos do Lumio.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>If no browser opened, visit: {url}</source>
        <translation>Se nenhum navegador abriu, acesse: {url}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connected: {name}. Next, Lumio asks the account what it holds.</source>
        <translation>Conectado: {name}. Em seguida, o Lumio pergunta à conta o que ela contém.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Sign-in cancelled. Nothing was saved.</source>
        <translation>Login cancelado. Nada foi salvo.</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <location filename="../../lumio_desktop/ui/pages/dashboard.py" line="+330"/>
        <source>created</source>
        <translation>criados</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>updated</source>
        <translation>atualizados</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>com falha</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Records per run</source>
        <translation>Registros por execução</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>runs, oldest → newest</source>
        <translation>execuções, da mais antiga → mais recente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Success rate % per run</source>
        <translation>Taxa de sucesso % por execução</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration per run (s)</source>
        <translation>Duração por execução (s)</translation>
    </message>
</context>
<context>
    <name>ConflictsPage</name>
    <message>
        <location filename="../../lumio_desktop/ui/pages/conflicts.py" line="+52"/>
        <source>(empty)</source>
        <translation>(vazio)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Provider</source>
        <translation>Provedor</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>manual review</source>
        <translation>revisão manual</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the provider wins</source>
        <translation>o provedor prevalece</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lumio wins</source>
        <translation>o Lumio prevalece</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the newest change wins</source>
        <translation>a alteração mais recente prevalece</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{record} · {field}: keep Lumio&apos;s “{lumio}” and push it to {provider} (replacing “{other}” there)</source>
        <translation>{record} · {field}: manter “{lumio}” do Lumio e enviar ao {provider} (substituindo “{other}” lá)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{record} · {field}: take {provider}&apos;s “{value}” into Lumio (replacing “{other}”)</source>
        <translation>{record} · {field}: trazer “{value}” do {provider} para o Lumio (substituindo “{other}”)</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Conflicts</source>
        <translation>Conflitos</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Keep Lumio for checked…</source>
        <translation>Manter Lumio nos marcados…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>keep Lumio&apos;s values for every checked record</source>
        <translation>manter os valores do Lumio em todos os registros marcados</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep provider for checked…</source>
        <translation>Manter provedor nos marcados…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>keep the provider&apos;s values for every checked record</source>
        <translation>manter os valores do provedor em todos os registros marcados</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>records with conflicts</source>
        <translation>registros com conflitos</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Check all</source>
        <translation>Marcar todos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check none</source>
        <translation>Desmarcar todos</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Undo last resolution</source>
        <translation>Desfazer última resolução</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>undo the last resolution</source>
        <translation>desfazer a última resolução</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>All Lumio</source>
        <translation>Tudo Lumio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>choose Lumio for every field</source>
        <translation>escolher Lumio em todos os campos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All provider</source>
        <translation>Tudo provedor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>choose the provider for every field</source>
        <translation>escolher o provedor em todos os campos</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+191"/>
        <location line="+7"/>
        <source>Apply</source>
        <translation>Aplicar</translation>
    </message>
    <message>
        <location line="-196"/>
        <source>apply the choices</source>
        <translation>aplicar as escolhas</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No open conflicts: every change merged cleanly.</source>
        <translation>Nenhum conflito aberto: todas as alterações foram mescladas sem problemas.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>1 field</source>
        <translation>1 campo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{n} fields</source>
        <translation>{n} campos</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{n} open in 1 record</source>
        <translation>{n} abertos em 1 registro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} open in {records} records</source>
        <translation>{n} abertos em {records} registros</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>{where} · {connection} · both sides changed since the last sync · strategy: {strategy}</source>
        <translation>{where} · {connection} · os dois lados mudaram desde a última sincronização · estratégia: {strategy}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last synced (base)</source>
        <translation>Última sincronização (base)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Keep</source>
        <translation>Manter</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Lumio</source>
        <translation>Lumio</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>keep Lumio&apos;s {field}</source>
        <translation>manter {field} do Lumio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>keep {provider}&apos;s {field}</source>
        <translation>manter {field} do {provider}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>merged automatically</source>
        <translation>mesclado automaticamente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field} changed only in Lumio: it will be pushed to {provider}.</source>
        <translation>{field} mudou só no Lumio: será enviado ao {provider}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>same</source>
        <translation>igual</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The value that loses is kept in the conflict and the record&apos;s history, and Undo restores it.</source>
        <translation>O valor descartado fica guardado no conflito e no histórico do registro, e Desfazer o restaura.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Apply: {choices}</source>
        <translation>Aplicar: {choices}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Keep Lumio for checked{n}…</source>
        <translation>Manter Lumio nos marcados{n}…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep provider for checked{n}…</source>
        <translation>Manter provedor nos marcados{n}…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Keep Lumio&apos;s values for {n} fields? This will:</source>
        <translation>Manter os valores do Lumio em {n} campos? Isto vai:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the providers&apos; values for {n} fields? This will:</source>
        <translation>Manter os valores dos provedores em {n} campos? Isto vai:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolve conflicts</source>
        <translation>Resolver conflitos</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>… and {n} more</source>
        <translation>… e mais {n}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The values that lose are kept, and Undo restores them.</source>
        <translation>Os valores descartados ficam guardados, e Desfazer os restaura.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolve {n}</source>
        <translation>Resolver {n}</translation>
    </message>
</context>
<context>
    <name>ConnectController</name>
    <message>
        <location filename="../../lumio_desktop/ui/connect.py" line="+52"/>
        <source>Connecting</source>
        <translation>Conectando</translation>
    </message>
    <message>
        <location line="+131"/>
        <source>The sync engine is not running in this window; the first sync starts with the app.</source>
        <translation>O mecanismo de sincronização não está em execução nesta janela; a primeira sincronização começa junto com o app.</translation>
    </message>
</context>
<context>
    <name>ConnectionCard</name>
    <message>
        <location filename="../../lumio_desktop/ui/pages/dashboard.py" line="-228"/>
        <source>sync progress</source>
        <translation>progresso da sincronização</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Open job</source>
        <translation>Abrir tarefa</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>open the last job</source>
        <translation>abrir a última tarefa</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Review conflicts</source>
        <translation>Revisar conflitos</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reconnect…</source>
        <translation>Reconectar…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync Now</source>
        <translation>Sincronizar agora</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>{name} ({provider})</source>
        <translation>{name} ({provider})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(+{n} more)</source>
        <translation>(mais {n})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last good sync: {ago} ({at})</source>
        <translation>Última sincronização bem-sucedida: {ago} ({at})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last good sync: never</source>
        <translation>Última sincronização bem-sucedida: nunca</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scheduled syncs: off for this connection</source>
        <translation>Sincronizações agendadas: desativadas nesta conexão</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scheduled syncs wait until you reconnect</source>
        <translation>As sincronizações agendadas aguardam até você reconectar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next sync: {when} ({at})</source>
        <translation>Próxima sincronização: {when} ({at})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next sync: not scheduled</source>
        <translation>Próxima sincronização: não agendada</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Success rate (recent runs): —</source>
        <translation>Taxa de sucesso (execuções recentes): —</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Success rate (recent runs): {pct}</source>
        <translation>Taxa de sucesso (execuções recentes): {pct}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 of the last {runs} runs failed</source>
        <translation>1 das últimas {runs} execuções falhou</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{failed} of the last {runs} runs failed</source>
        <translation>{failed} das últimas {runs} execuções falharam</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{done} / {total} · {pct}%</source>
        <translation>{done} / {total} · {pct}%</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} records</source>
        <translation>{n} registros</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>queued</source>
        <translation>na fila</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Review 1 conflict</source>
        <translation>Revisar 1 conflito</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review {n} conflicts</source>
        <translation>Revisar {n} conflitos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync {name} now</source>
        <translation>Sincronizar {name} agora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the sync of {name}</source>
        <translation>Cancelar a sincronização de {name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reconnect {name}</source>
        <translation>Reconectar {name}</translation>
    </message>
</context>
<context>
    <name>ConnectionWizard</name>
    <message>
        <location filename="../../lumio_desktop/ui/wizard.py" line="+188"/>
        <source>Add a connection</source>
        <translation>Adicionar uma conexão</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reconnect {name}</source>
        <translation>Reconectar {name}</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../../lumio_desktop/ui/pages/dashboard.py" line="-183"/>
        <source>{n} lead</source>
        <translation>{n} lead</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{n} leads</source>
        <translation>{n} leads</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} company</source>
        <translation>{n} empresa</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{n} companies</source>
        <translation>{n} empresas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} deal</source>
        <translation>{n} negócio</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{n} deals</source>
        <translation>{n} negócios</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>no records yet</source>
        <translation>nenhum registro ainda</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location line="+405"/>
        <source>Sync health</source>
        <translation>Saúde da sincronização</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add connection…</source>
        <translation>Adicionar conexão…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sync all now</source>
        <translation>Sincronizar tudo agora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync all connections now</source>
        <translation>Sincronizar todas as conexões agora</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No connections yet. Add one to start syncing leads, companies and deals; or start Lumio with --sandbox to try it with demo accounts.</source>
        <translation>Nenhuma conexão ainda. Adicione uma para começar a sincronizar leads, empresas e negócios; ou inicie o Lumio com --sandbox para experimentar com contas de demonstração.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Recent errors</source>
        <translation>Erros recentes</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>recent errors</source>
        <translation>erros recentes</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No errors in recent runs.</source>
        <translation>Nenhum erro nas execuções recentes.</translation>
    </message>
</context>
<context>
    <name>DuplicatesPage</name>
    <message>
        <location filename="../../lumio_desktop/ui/pages/duplicates.py" line="+34"/>
        <source>Keep the most recently changed</source>
        <translation>Manter o alterado mais recentemente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the one from the main provider</source>
        <translation>Manter o do provedor principal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>I choose each time</source>
        <translation>Eu escolho a cada vez</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Duplicates</source>
        <translation>Duplicados</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Survivor</source>
        <translation>Sobrevivente</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>merge strategy</source>
        <translation>estratégia de mesclagem</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Find again</source>
        <translation>Procurar de novo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merge all…</source>
        <translation>Mesclar todos…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>merge every group with the strategy</source>
        <translation>mesclar todos os grupos com a estratégia</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>duplicate groups</source>
        <translation>grupos de duplicados</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Keep</source>
        <translation>Manter</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Phone</source>
        <translation>Telefone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Company</source>
        <translation>Empresa</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Linked to</source>
        <translation>Vinculado a</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Updated</source>
        <translation>Atualizado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>group members</source>
        <translation>membros do grupo</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Merge preview</source>
        <translation>Prévia da mesclagem</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Undo last merge</source>
        <translation>Desfazer última mesclagem</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merge this group</source>
        <translation>Mesclar este grupo</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No duplicates found.</source>
        <translation>Nenhum duplicado encontrado.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>looking for duplicates…</source>
        <translation>procurando duplicados…</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+55"/>
        <source>Lumio only</source>
        <translation>Só no Lumio</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>1 group, {cross} across providers</source>
        <translation>1 grupo, {cross} entre provedores</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} groups, {cross} across providers</source>
        <translation>{n} grupos, {cross} entre provedores</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>{n} records of the same person?</source>
        <translation>{n} registros da mesma pessoa?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tied together by: </source>
        <translation>Ligados por: </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>keep lead {id}</source>
        <translation>manter o lead {id}</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Lead #{survivor} stays; {merged} merged into it (kept, marked as merged).</source>
        <translation>O lead nº {survivor} permanece; {merged} mesclado(s) nele (mantido(s), marcado(s) como mesclado(s)).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Empty fields filled: {fills}.</source>
        <translation>Campos vazios preenchidos: {fills}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No field changes: the survivor already has every value.</source>
        <translation>Nenhum campo muda: o sobrevivente já tem todos os valores.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Moving to the survivor: {links} provider link(s), {deals} deal(s), {conflicts} open conflict(s). Undo puts everything back.</source>
        <translation>Passam para o sobrevivente: {links} vínculo(s) com provedores, {deals} negócio(s), {conflicts} conflito(s) aberto(s). Desfazer devolve tudo.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Merge all {n} groups, keeping in each “{strategy}”? Undo reverses each merge.</source>
        <translation>Mesclar todos os {n} grupos, mantendo em cada um “{strategy}”? Desfazer reverte cada mesclagem.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Merge duplicates</source>
        <translation>Mesclar duplicatas</translation>
    </message>
</context>
<context>
    <name>ErrorsModel</name>
    <message>
        <location filename="../../lumio_desktop/ui/pages/dashboard.py" line="-123"/>
        <source>the sync failed</source>
        <translation>a sincronização falhou</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 record rejected</source>
        <translation>1 registro rejeitado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{n} records rejected</source>
        <translation>{n} registros rejeitados</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Connection</source>
        <translation>Conexão</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What happened</source>
        <translation>O que aconteceu</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Job</source>
        <translation>Tarefa</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>(removed connection)</source>
        <translation>(conexão removida)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Double-click (or Enter) to open this job</source>
        <translation>Clique duas vezes (ou Enter) para abrir esta tarefa</translation>
    </message>
</context>
<context>
    <name>FirstSyncPage</name>
    <message>
        <location filename="../../lumio_desktop/ui/wizard.py" line="-76"/>
        <source>First sync</source>
        <translation>Primeira sincronização</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lumio reads the account now. You can close this window: the sync goes on.</source>
        <translation>O Lumio está lendo a conta agora. Você pode fechar esta janela: a sincronização continua.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saving the options…</source>
        <translation>Salvando as opções…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>first sync progress</source>
        <translation>progresso da primeira sincronização</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Starting the first sync…</source>
        <translation>Iniciando a primeira sincronização…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reading the account…</source>
        <translation>Lendo a conta…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{n} of {total} records read</source>
        <translation>{n} de {total} registros lidos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} records read</source>
        <translation>{n} registros lidos</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The first sync completed. The dashboard shows this connection now.</source>
        <translation>A primeira sincronização foi concluída. O painel já mostra esta conexão.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The first sync ended {status}; the Jobs page has its log.</source>
        <translation>A primeira sincronização terminou: {status}; o log está na página Tarefas.</translation>
    </message>
</context>
<context>
    <name>JobsModel</name>
    <message>
        <location filename="../../lumio_desktop/ui/pages/jobs.py" line="+36"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Connection</source>
        <translation>Conexão</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Trigger</source>
        <translation>Origem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress</source>
        <translation>Progresso</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Processed</source>
        <translation>Processados</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>Criados</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Updated</source>
        <translation>Atualizado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>Com falha</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Started</source>
        <translation>Início</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration</source>
        <translation>Duração</translation>
    </message>
</context>
<context>
    <name>JobsPage</name>
    <message>
        <location line="+211"/>
        <source>Jobs</source>
        <translation>Tarefas</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>filter jobs by status</source>
        <translation>filtrar tarefas por status</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+83"/>
        <source>All</source>
        <translation>Todos</translation>
    </message>
    <message>
        <location line="-79"/>
        <source>Connection</source>
        <translation>Conexão</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>filter jobs by connection</source>
        <translation>filtrar tarefas por conexão</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>jobs</source>
        <translation>tarefas</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Select a job to see its log and rejected records.</source>
        <translation>Selecione uma tarefa para ver o log e os registros rejeitados.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel job</source>
        <translation>Cancelar tarefa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancel the selected job</source>
        <translation>cancelar a tarefa selecionada</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run again</source>
        <translation>Executar de novo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>run the selected job again</source>
        <translation>executar a tarefa selecionada de novo</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>job log</source>
        <translation>log da tarefa</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>rejected records</source>
        <translation>registros rejeitados</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Log</source>
        <translation>Log</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected records</source>
        <translation>Registros rejeitados</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>{n} shown</source>
        <translation>{n} exibidas</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>&lt;b&gt;{name}&lt;/b&gt; · {type} sync by {trigger} · &lt;b&gt;{status}&lt;/b&gt;</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; · sincronização {type} por {trigger} · &lt;b&gt;{status}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Started {at}, took {took} · {processed} processed: {created} created, {updated} updated, {failed} failed</source>
        <translation>Iniciada {at}, levou {took} · {processed} processados: {created} criados, {updated} atualizados, {failed} com falha</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>job {id}</source>
        <translation>tarefa {id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;br&gt;</source>
        <translation>&lt;br&gt;</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>(no log lines)</source>
        <translation>(nenhuma linha de log)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rejected records ({n})</source>
        <translation>Registros rejeitados ({n})</translation>
    </message>
</context>
<context>
    <name>LightDot</name>
    <message>
        <location filename="../../lumio_desktop/ui/theme.py" line="+69"/>
        <source>health: green</source>
        <translation>saúde: verde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>health: yellow</source>
        <translation>saúde: amarelo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>health: red</source>
        <translation>saúde: vermelho</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>health: grey</source>
        <translation>saúde: cinza</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../lumio_desktop/ui/main_window.py" line="+35"/>
        <source>Dashboard</source>
        <translation>Painel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Jobs</source>
        <translation>Tarefas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflicts</source>
        <translation>Conflitos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Records</source>
        <translation>Registros</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicates</source>
        <translation>Duplicados</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Lumio Desktop</source>
        <translation>Lumio Desktop</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>  Lumio</source>
        <translation>  Lumio</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Lumio</source>
        <translation>Lumio</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>pages</source>
        <translation>páginas</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>{page}: not available in this build.</source>
        <translation>{page}: não disponível nesta versão.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Lumio</source>
        <translation>&amp;Lumio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add connection…</source>
        <translation>Adicionar conexão…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync all now</source>
        <translation>Sincronizar tudo agora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause scheduled syncs</source>
        <translation>Pausar sincronizações agendadas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;View</source>
        <translation>&amp;Exibir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>Atualizar</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Help</source>
        <translation>A&amp;juda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open logs folder</source>
        <translation>Abrir pasta de logs</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+281"/>
        <source>About Lumio Desktop</source>
        <translation>Sobre o Lumio Desktop</translation>
    </message>
    <message>
        <location line="-145"/>
        <source>Scheduled syncs: paused</source>
        <translation>Sincronizações agendadas: pausadas</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scheduled syncs: on · next run {at}</source>
        <translation>Sincronizações agendadas: ativas · próxima às {at}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduled syncs: none</source>
        <translation>Sincronizações agendadas: nenhuma</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>{n} open conflict(s) to review</source>
        <translation>{n} conflito(s) aberto(s) para revisar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No open conflicts</source>
        <translation>Nenhum conflito aberto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 open conflict</source>
        <translation>1 conflito aberto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} open conflicts</source>
        <translation>{n} conflitos abertos</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Install or unlock a keychain (GNOME Keyring, KWallet) and reconnect the accounts to keep their sign-ins across restarts.</source>
        <translation>Instale ou desbloqueie um chaveiro (GNOME Keyring, KWallet) e reconecte as contas para manter os logins entre reinicializações.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Last alert {at}: {message}</source>
        <translation>Último alerta {at}: {message}</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Lumio Desktop {version}
Keeps leads, companies and deals consistent between Lumio and HubSpot, Salesforce and Shopify.</source>
        <translation>Lumio Desktop {version}
Mantém leads, empresas e negócios consistentes entre o Lumio e o HubSpot, o Salesforce e a Shopify.</translation>
    </message>
</context>
<context>
    <name>OptionsPage</name>
    <message>
        <location filename="../../lumio_desktop/ui/wizard.py" line="-108"/>
        <source>What to sync, and how</source>
        <translation>O que sincronizar, e como</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Objects</source>
        <translation>Objetos</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>schedule</source>
        <translation>agenda</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>conflict strategy</source>
        <translation>estratégia de conflito</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>direction</source>
        <translation>direção</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Schedule</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When both sides changed a field</source>
        <translation>Quando os dois lados alteraram um campo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Direction</source>
        <translation>Direção</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{object} → Lumio {entity}</source>
        <translation>{object} → Lumio ({entity})</translation>
    </message>
</context>
<context>
    <name>ProviderPage</name>
    <message>
        <location line="-289"/>
        <source>Which account?</source>
        <translation>Qual conta?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lumio keeps its leads, companies and deals consistent with this account.</source>
        <translation>O Lumio mantém seus leads, empresas e negócios consistentes com esta conta.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>e.g. Acme HubSpot (optional)</source>
        <translation>ex.: HubSpot da Acme (opcional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>connection name</source>
        <translation>nome da conexão</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>acme or acme.myshopify.com</source>
        <translation>acme ou acme.myshopify.com</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shopify shop</source>
        <translation>loja Shopify</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>leave empty for the real service</source>
        <translation>deixe vazio para o serviço real</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>API address</source>
        <translation>Endereço da API</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shop</source>
        <translation>Loja</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sign in with the browser (recommended)</source>
        <translation>Entrar pelo navegador (recomendado)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste an access token (private app / integration token)</source>
        <translation>Colar um token de acesso (app privado / token de integração)</translation>
    </message>
</context>
<context>
    <name>RecordDetail</name>
    <message>
        <location filename="../../lumio_desktop/ui/pages/records.py" line="+153"/>
        <source>Select a record</source>
        <translation>Selecione um registro</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Fields</source>
        <translation>Campos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connection</source>
        <translation>Conexão</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Object</source>
        <translation>Objeto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>External id</source>
        <translation>ID externo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last synced</source>
        <translation>Última sincronização</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>provider links</source>
        <translation>vínculos com provedores</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Provider links</source>
        <translation>Vínculos com provedores</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When</source>
        <translation>Quando</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation>Para</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>record history</source>
        <translation>histórico do registro</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>History</source>
        <translation>Histórico</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Revert</source>
        <translation>Reverter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>revert unsaved changes</source>
        <translation>reverter alterações não salvas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save</source>
        <translation>Salvar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>save the record</source>
        <translation>salvar o registro</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Lead {id}</source>
        <translation>Lead {id}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>updated {at}</source>
        <translation>atualizado {at}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>edited by {who} {at}, not yet pushed</source>
        <translation>editado por {who} {at}, ainda não enviado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>someone</source>
        <translation>alguém</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · </source>
        <translation> · </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{id} (deleted there)</source>
        <translation>{id} (excluído lá)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Provider links ({n})</source>
        <translation>Vínculos com provedores ({n})</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>History ({n})</source>
        <translation>Histórico ({n})</translation>
    </message>
</context>
<context>
    <name>RecordsModel</name>
    <message>
        <location line="-118"/>
        <source>✎ = edited in Lumio, not yet pushed</source>
        <translation>✎ = editado no Lumio, ainda não enviado</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Edited in Lumio; pushed on the next sync where the connection allows it</source>
        <translation>Editado no Lumio; enviado na próxima sincronização, onde a conexão permitir</translation>
    </message>
</context>
<context>
    <name>RecordsPage</name>
    <message>
        <location line="-98"/>
        <source>Leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Companies</source>
        <translation>Empresas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deals</source>
        <translation>Negócios</translation>
    </message>
    <message>
        <location line="+247"/>
        <source>Records</source>
        <translation>Registros</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>record type</source>
        <translation>tipo de registro</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search name, email, domain…</source>
        <translation>Buscar nome, e-mail, domínio…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>search records</source>
        <translation>buscar registros</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>records</source>
        <translation>registros</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{total} in all · {shown} shown (scroll for more)</source>
        <translation>{total} no total · {shown} exibidos (role para ver mais)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{total} in all · {shown} shown</source>
        <translation>{total} no total · {shown} exibidos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{shown} matching “{text}”</source>
        <translation>{shown} com “{text}”</translation>
    </message>
</context>
<context>
    <name>RejectedModel</name>
    <message>
        <location filename="../../lumio_desktop/ui/pages/jobs.py" line="-211"/>
        <source>Object</source>
        <translation>Objeto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>External id</source>
        <translation>ID externo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../lumio_desktop/ui/pages/settings.py" line="+52"/>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Connections</source>
        <translation>Conexões</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>connections</source>
        <translation>conexões</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>schedule</source>
        <translation>agenda</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Default for this provider</source>
        <translation>Padrão deste provedor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom (cron)</source>
        <translation>Personalizado (cron)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>minute hour day month weekday, e.g. */15 * * * *</source>
        <translation>minuto hora dia mês dia-da-semana, ex.: */15 * * * *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>custom cron expression</source>
        <translation>expressão cron personalizada</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run scheduled syncs</source>
        <translation>Executar sincronizações agendadas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>conflict strategy</source>
        <translation>estratégia de conflito</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>direction</source>
        <translation>direção</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Schedule</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Conflicts</source>
        <translation>Conflitos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Direction</source>
        <translation>Direção</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reconnect…</source>
        <translation>Reconectar…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save connection</source>
        <translation>Salvar conexão</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Lumio</source>
        <translation>Lumio</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>slow sync alert after seconds</source>
        <translation>alerta de sincronização lenta após segundos</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>rejected records alert above percent</source>
        <translation>alerta de registros rejeitados acima de percentual</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alert when a sync runs longer than</source>
        <translation>Alertar quando uma sincronização durar mais que</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Alert when rejected records exceed</source>
        <translation>Alertar quando os registros rejeitados passarem de</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>webhook receiver port</source>
        <translation>porta do receptor de webhooks</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Webhook receiver port</source>
        <translation>Porta do receptor de webhooks</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open data folder</source>
        <translation>Abrir pasta de dados</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Data folder</source>
        <translation>Pasta de dados</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Closing the window keeps Lumio running in the tray</source>
        <translation>Fechar a janela mantém o Lumio rodando na bandeja</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>language</source>
        <translation>idioma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System language</source>
        <translation>Idioma do sistema</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The webhook port and the language apply at the next start; thresholds apply now.</source>
        <translation>A porta de webhooks e o idioma valem a partir da próxima inicialização; os limites valem agora.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save</source>
        <translation>Salvar</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>No connection yet</source>
        <translation>Nenhuma conexão ainda</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} ({provider})</source>
        <translation>{name} ({provider})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Default: {schedule}</source>
        <translation>Padrão: {schedule}</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>“{cron}” is not a cron expression Lumio can read: five fields, e.g. */15 * * * * for every 15 minutes.</source>
        <translation>“{cron}” não é uma expressão cron que o Lumio entenda: são cinco campos, por exemplo */15 * * * * para a cada 15 minutos.</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../../lumio_desktop/ui/tray.py" line="+14"/>
        <source>all connections synced</source>
        <translation>todas as conexões sincronizadas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a connection needs attention</source>
        <translation>uma conexão precisa de atenção</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a connection failed or needs reconnecting</source>
        <translation>uma conexão falhou ou precisa ser reconectada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no connection synced yet</source>
        <translation>nenhuma conexão sincronizada ainda</translation>
    </message>
    <message>
        <location line="+35"/>
        <location line="+72"/>
        <source>Lumio Desktop</source>
        <translation>Lumio Desktop</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>Sync all now</source>
        <translation>Sincronizar tudo agora</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open Lumio</source>
        <translation>Abrir o Lumio</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pause scheduled syncs</source>
        <translation>Pausar sincronizações agendadas</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../lumio_desktop/ui/pages/welcome.py" line="+40"/>
        <source>Welcome to Lumio</source>
        <translation>Boas-vindas ao Lumio</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Lumio keeps your leads, companies and deals consistent between HubSpot, Salesforce and Shopify, on your computer. How would you like to start?</source>
        <translation>O Lumio mantém seus leads, empresas e negócios consistentes entre o HubSpot, o Salesforce e a Shopify, no seu computador. Como você quer começar?</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Try it with demo data</source>
        <translation>Experimentar com dados de demonstração</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>try Lumio with demo data</source>
        <translation>experimentar o Lumio com dados de demonstração</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lumio starts its built-in sandbox and connects a demo HubSpot, Salesforce and Shopify account, with people changing records as you watch. Nothing leaves this computer.</source>
        <translation>O Lumio inicia seu sandbox embutido e conecta uma conta de demonstração do HubSpot, do Salesforce e da Shopify, com pessoas alterando registros enquanto você acompanha. Nada sai deste computador.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connect an account</source>
        <translation>Conectar uma conta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>connect an account</source>
        <translation>conectar uma conta</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sign in to HubSpot, Salesforce or Shopify (or paste a token). Lumio reads the account and starts the first sync.</source>
        <translation>Entre no HubSpot, no Salesforce ou na Shopify (ou cole um token). O Lumio lê a conta e inicia a primeira sincronização.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not now</source>
        <translation>Agora não</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>skip the welcome page</source>
        <translation>pular a página de boas-vindas</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Starting the demo sandbox and connecting three demo accounts…</source>
        <translation>Iniciando o sandbox de demonstração e conectando três contas de demonstração…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The demo did not start: {reason}</source>
        <translation>A demonstração não iniciou: {reason}</translation>
    </message>
</context>
<context>
    <name>Wizard</name>
    <message>
        <location filename="../../lumio_desktop/ui/wizard.py" line="-61"/>
        <source>contacts, companies and deals</source>
        <translation>contatos, empresas e negócios</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>leads, contacts, accounts and opportunities</source>
        <translation>leads, contatos, contas e oportunidades</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>customers of one shop</source>
        <translation>clientes de uma loja</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every 10 minutes</source>
        <translation>A cada 10 minutos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every 30 minutes</source>
        <translation>A cada 30 minutos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every hour</source>
        <translation>A cada hora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every day at 06:00</source>
        <translation>Todo dia às 06:00</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only when I press Sync Now</source>
        <translation>Só quando eu clicar em Sincronizar agora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask me (manual review)</source>
        <translation>Perguntar (revisão manual)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The provider wins</source>
        <translation>O provedor prevalece</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lumio wins</source>
        <translation>o Lumio prevalece</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The newest change wins</source>
        <translation>A alteração mais recente prevalece</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Two-way: pull, and push Lumio&apos;s edits</source>
        <translation>Nos dois sentidos: trazer e enviar as edições do Lumio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pull only: the provider is the source</source>
        <translation>Só trazer: o provedor é a fonte</translation>
    </message>
</context>
<context>
    <name>engine</name>
    <message>
        <location filename="../../lumio_desktop/auth/words.py" line="+14"/>
        <source>the token endpoint answered HTTP {code} with a body that is not a JSON object ({n} bytes)</source>
        <translation>o endpoint de token respondeu HTTP {code} com um corpo que não é um objeto JSON ({n} bytes)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the token endpoint answered HTTP {code}</source>
        <translation>o endpoint de token respondeu HTTP {code}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the {provider} token endpoint answered without an access token</source>
        <translation>o endpoint de token de {provider} respondeu sem um token de acesso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{provider} refused the sign-in ({said}); nothing was saved: start the connection again</source>
        <translation>{provider} recusou o login ({said}); nada foi salvo: comece a conexão de novo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{provider}: {reason}; nothing was saved: try again in a few minutes</source>
        <translation>{provider}: {reason}; nada foi salvo: tente de novo em alguns minutos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>could not reach {provider}&apos;s token endpoint ({said}); nothing was saved: check the network and start again</source>
        <translation>não foi possível alcançar o endpoint de token de {provider} ({said}); nada foi salvo: verifique a rede e comece de novo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the {provider} access expired and this connection has no refresh token; reconnect the account</source>
        <translation>o acesso a {provider} expirou e esta conexão não tem token de atualização; reconecte a conta</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{reason} (gave up after {n} attempts); this sync stops, and the next one tries again</source>
        <translation>{reason} (desistiu após {n} tentativas); esta sincronização para, e a próxima tenta de novo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>this connection&apos;s sign-in is no longer accepted by {provider} ({said}); reconnect the account</source>
        <translation>o login desta conexão não é mais aceito por {provider} ({said}); reconecte a conta</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>could not reach {provider}&apos;s token endpoint to renew access ({said})</source>
        <translation>não foi possível alcançar o endpoint de token de {provider} para renovar o acesso ({said})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the {provider} token endpoint sent an answer that is not a token ({said})</source>
        <translation>o endpoint de token de {provider} enviou uma resposta que não é um token ({said})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{provider} sign-in needs the app&apos;s client id (--client-id)</source>
        <translation>o login em {provider} precisa do client id do app (--client-id)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{provider} sign-in needs the app&apos;s client secret: pass --client-secret-stdin (see docs/registering-apps.md)</source>
        <translation>o login em {provider} precisa do client secret do app: use --client-secret-stdin (veja docs/registering-apps.md)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>cannot listen on 127.0.0.1:{port} for the sign-in answer ({said}); close what uses that port, or choose another</source>
        <translation>não é possível escutar em 127.0.0.1:{port} a resposta do login ({said}); feche o que usa essa porta ou escolha outra</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the sign-in catcher stopped before it started</source>
        <translation>o receptor do login parou antes de começar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the answer from the {provider} sign-in page did not carry the state Lumio sent (a forged request, or an old browser tab); nothing was saved: start the connection again</source>
        <translation>a resposta da página de login de {provider} não trouxe o state que o Lumio enviou (uma requisição forjada ou uma aba antiga do navegador); nada foi salvo: comece a conexão de novo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{provider} sign-in was not approved ({said}); nothing was saved</source>
        <translation>o login em {provider} não foi aprovado ({said}); nada foi salvo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the Shopify answer&apos;s HMAC signature is wrong (not signed with this app&apos;s secret); nothing was saved: start again</source>
        <translation>a assinatura HMAC da resposta da Shopify está errada (não foi assinada com o secret deste app); nada foi salvo: comece de novo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shopify answered for shop {said}, not {shop}; nothing was saved: start again</source>
        <translation>a Shopify respondeu pela loja {said}, não por {shop}; nada foi salvo: comece de novo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the Shopify answer is more than 24 hours old; nothing was saved: start again</source>
        <translation>a resposta da Shopify tem mais de 24 horas; nada foi salvo: comece de novo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the {provider} sign-in page answered without a code; nothing was saved</source>
        <translation>a página de login de {provider} respondeu sem um código; nada foi salvo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the {provider} sign-in failed ({said}); nothing was saved</source>
        <translation>o login em {provider} falhou ({said}); nada foi salvo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no answer from the {provider} sign-in page within {seconds} s; nothing was saved: start again</source>
        <translation>nenhuma resposta da página de login de {provider} em {seconds} s; nada foi salvo: comece de novo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Salesforce&apos;s token response named no instance_url; nothing was saved</source>
        <translation>a resposta de token do Salesforce não informou instance_url; nada foi salvo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sign-in was cancelled; nothing was saved</source>
        <translation>o login foi cancelado; nada foi salvo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no {provider} credentials are stored for this connection (the keychain was reset, or this run has no keychain); reconnect the account</source>
        <translation>nenhuma credencial de {provider} está guardada para esta conexão (o chaveiro foi redefinido, ou esta execução não tem chaveiro); reconecte a conta</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the {provider} API rejected the access token ({said}); reconnect the account with a new token (Reconnect in the app, or lumio-sync connect with --token-stdin --reconnect)</source>
        <translation>a API de {provider} rejeitou o token de acesso ({said}); reconecte a conta com um novo token (Reconectar no app, ou lumio-sync connect com --token-stdin --reconnect)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the {provider} API rejected the access token ({said}); reconnect the account</source>
        <translation>a API de {provider} rejeitou o token de acesso ({said}); reconecte a conta</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the {provider} API rejected a token it had just issued ({said}); reconnect the account</source>
        <translation>a API de {provider} rejeitou um token que acabara de emitir ({said}); reconecte a conta</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the {provider} access cannot be renewed for this connection; reconnect the account</source>
        <translation>o acesso a {provider} não pode ser renovado para esta conexão; reconecte a conta</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no OS keychain found: tokens will be kept in memory for this run only</source>
        <translation>nenhum chaveiro do sistema encontrado: os tokens ficarão na memória só durante esta execução</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the OS keychain refused to read the credentials of connection {connection} ({said}); unlock the keychain and try again</source>
        <translation>o chaveiro do sistema se recusou a ler as credenciais da conexão {connection} ({said}); desbloqueie o chaveiro e tente de novo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the OS keychain refused to save the credentials of connection {connection} ({said}); unlock the keychain and try again</source>
        <translation>o chaveiro do sistema se recusou a salvar as credenciais da conexão {connection} ({said}); desbloqueie o chaveiro e tente de novo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the OS keychain refused to delete the credentials of connection {connection} ({said}); unlock the keychain and try again</source>
        <translation>o chaveiro do sistema se recusou a apagar as credenciais da conexão {connection} ({said}); desbloqueie o chaveiro e tente de novo</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the keychain item of connection {connection} is not readable by this version of Lumio; reconnect the account</source>
        <translation>o item do chaveiro da conexão {connection} não pode ser lido por esta versão do Lumio; reconecte a conta</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>invalid setting keyring_backend={name}: cannot load it ({said}); install the package that provides it, or remove the setting to use the OS keychain</source>
        <translation>configuração inválida keyring_backend={name}: não é possível carregá-la ({said}); instale o pacote que a fornece ou remova a configuração para usar o chaveiro do sistema</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no connection named {name} (connections: {names})</source>
        <translation>nenhuma conexão chamada {name} (conexões: {names})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no connection named {name} (there are no connections yet)</source>
        <translation>nenhuma conexão chamada {name} (ainda não há conexões)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a connection named {name} already exists; choose another --name, or reconnect it with --reconnect</source>
        <translation>já existe uma conexão chamada {name}; escolha outro --name ou reconecte-a com --reconnect</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a connection named {name} already exists; choose another --name</source>
        <translation>já existe uma conexão chamada {name}; escolha outro --name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the {provider} token is empty; paste it again</source>
        <translation>o token de {provider} está vazio; cole-o de novo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the {provider} token contains spaces or line breaks; paste only the token</source>
        <translation>o token de {provider} contém espaços ou quebras de linha; cole só o token</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a Shopify token belongs to one shop: pass --shop acme (or acme.myshopify.com)</source>
        <translation>um token da Shopify pertence a uma loja: use --shop acme (ou acme.myshopify.com)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a Salesforce access token works only with its org&apos;s instance URL: pass --base-url https://yourorg.my.salesforce.com</source>
        <translation>um token de acesso do Salesforce só funciona com a URL da instância da sua org: use --base-url https://yourorg.my.salesforce.com</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the token is empty or contains spaces; paste only the token</source>
        <translation>o token está vazio ou contém espaços; cole só o token</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>connection {name} signs in through {provider}: reconnect it with --oauth</source>
        <translation>a conexão {name} faz login por {provider}: reconecte-a com --oauth</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>connection {name} is a {provider} connection, not {other}</source>
        <translation>a conexão {name} é uma conexão {provider}, não {other}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{url} is not an http(s) URL; give the full address, e.g. https://api.hubapi.com</source>
        <translation>{url} não é uma URL http(s); informe o endereço completo, por exemplo https://api.hubapi.com</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{shop} is not a Shopify shop domain; give the shop&apos;s name (acme) or its myshopify.com domain (acme.myshopify.com)</source>
        <translation>{shop} não é um domínio de loja Shopify; informe o nome da loja (acme) ou o seu domínio myshopify.com (acme.myshopify.com)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shopify needs the shop: pass --shop acme (or acme.myshopify.com)</source>
        <translation>a Shopify precisa da loja: use --shop acme (ou acme.myshopify.com)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown provider {provider}; choose one of: {choices}</source>
        <translation>provedor desconhecido {provider}; escolha um destes: {choices}</translation>
    </message>
    <message>
        <location filename="../../lumio_desktop/store/edits.py" line="+40"/>
        <source>unknown record type {said}: use leads, companies or deals</source>
        <translation>tipo de registro desconhecido {said}: use leads, companies ou deals</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{entity} has no editable field &apos;{field}&apos;; editable: {fields}</source>
        <translation>o registro ({entity}) não tem o campo editável &apos;{field}&apos;; editáveis: {fields}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{field} must be true or false, not {said}</source>
        <translation>{field} deve ser verdadeiro ou falso, não {said}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field} must be a whole number, not {said}</source>
        <translation>{field} deve ser um número inteiro, não {said}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field} must be a number, not {said}</source>
        <translation>{field} deve ser um número, não {said}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field} must be a list (a,b,c or JSON), not {said}</source>
        <translation>{field} deve ser uma lista (a,b,c ou JSON), não {said}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field} must be a date like 2026-01-31, not {said}</source>
        <translation>{field} deve ser uma data como 2026-01-31, não {said}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{field} is at most {n} characters; the value has {count}</source>
        <translation>{field} aceita no máximo {n} caracteres; o valor tem {count}</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../lumio_desktop/sync/dedupe.py" line="+74"/>
        <source>there is no {entity} #{id}</source>
        <translation>não existe o registro nº {id} ({entity})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{entity} #{local_id} was merged into {entity} #{merged_into}; edit that one (or undo the merge)</source>
        <translation>o registro nº {local_id} ({entity}) foi mesclado ao registro nº {merged_into} ({entity}); edite aquele (ou desfaça a mesclagem)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nothing to change: give at least one field=value</source>
        <translation>nada a alterar: informe pelo menos um campo=valor</translation>
    </message>
    <message>
        <location filename="../../lumio_desktop/sync/alerts.py" line="+49"/>
        <source>The sync of {connection} failed: {reason}</source>
        <translation>A sincronização de {connection} falhou: {reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no reason was recorded</source>
        <translation>nenhum motivo foi registrado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a connection</source>
        <translation>uma conexão</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The sync of {connection} has been running for over {n} minutes. The provider may be slow or rate-limiting; the job&apos;s log shows where the time went.</source>
        <translation>A sincronização de {connection} está em execução há mais de {n} minutos. O provedor pode estar lento ou aplicando limite de requisições; o log da tarefa mostra onde o tempo foi gasto.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The sync of {connection} has been running for over {n} seconds. The provider may be slow or rate-limiting; the job&apos;s log shows where the time went.</source>
        <translation>A sincronização de {connection} está em execução há mais de {n} segundos. O provedor pode estar lento ou aplicando limite de requisições; o log da tarefa mostra onde o tempo foi gasto.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The sync of {connection} took {n} minutes (over {n_limit} minutes). The provider may be slow or rate-limiting; the job&apos;s log shows where the time went.</source>
        <translation>A sincronização de {connection} levou {n} minutos (mais que {n_limit} minutos). O provedor pode estar lento ou aplicando limite de requisições; o log da tarefa mostra onde o tempo foi gasto.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The sync of {connection} took {n} seconds (over {n_limit} seconds). The provider may be slow or rate-limiting; the job&apos;s log shows where the time went.</source>
        <translation>A sincronização de {connection} levou {n} segundos (mais que {n_limit} segundos). O provedor pode estar lento ou aplicando limite de requisições; o log da tarefa mostra onde o tempo foi gasto.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>slow sync: has been running for over {n} minutes</source>
        <translation>sincronização lenta: em execução há mais de {n} minutos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>slow sync: has been running for over {n} seconds</source>
        <translation>sincronização lenta: em execução há mais de {n} segundos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>slow sync: took {n} minutes (over {n_limit} minutes)</source>
        <translation>sincronização lenta: levou {n} minutos (mais que {n_limit} minutos)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>slow sync: took {n} seconds (over {n_limit} seconds)</source>
        <translation>sincronização lenta: levou {n} segundos (mais que {n_limit} segundos)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The sync of {connection} rejected {n_failed} of {total} records ({pct}, more than {limit}). The rejected records and their reasons are in the job&apos;s details.</source>
        <translation>A sincronização de {connection} rejeitou {n_failed} de {total} registros ({pct}, acima de {limit}). Os registros rejeitados e os motivos estão nos detalhes da tarefa.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>a sync failed</source>
        <translation>uma sincronização falhou</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a sync is slow</source>
        <translation>uma sincronização está lenta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>many records rejected</source>
        <translation>muitos registros rejeitados</translation>
    </message>
    <message>
        <location filename="../../lumio_desktop/sync/conflicts.py" line="+56"/>
        <source>there is no conflict {id}</source>
        <translation>não existe o conflito {id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>there is no conflict {id}; list them with `lumio-sync conflicts`</source>
        <translation>não existe o conflito {id}; liste-os com `lumio-sync conflicts`</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>there is no record link {id}</source>
        <translation>não existe o vínculo de registro {id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{entity} #{local_id} linked to {external_id} no longer exists</source>
        <translation>o registro nº {local_id} ({entity}), vinculado a {external_id}, não existe mais</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no conflict given: name at least one conflict id</source>
        <translation>nenhum conflito informado: indique pelo menos um id de conflito</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>conflict {id}: choose what to keep: lumio or provider (or give a value)</source>
        <translation>conflito {id}: escolha o que manter: lumio ou provider (ou informe um valor)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>already resolved that way</source>
        <translation>já resolvido dessa forma</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>conflict {id} is already {state}; undo it first to decide again</source>
        <translation>o conflito {id} já está {state}; desfaça-o primeiro para decidir de novo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>conflict {id} is already {state} (kept {winner}); undo it first to decide again</source>
        <translation>o conflito {id} já está {state} (mantido: {winner}); desfaça-o primeiro para decidir de novo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{entity} #{local_id} no longer exists</source>
        <translation>o registro nº {local_id} ({entity}) não existe mais</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{entity} #{local_id} was merged into #{merged_into}; undo the merge first</source>
        <translation>o registro nº {local_id} ({entity}) foi mesclado ao nº {merged_into}; desfaça a mesclagem primeiro</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>kept Lumio&apos;s value for {field}</source>
        <translation>mantido o valor do Lumio em {field}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kept Lumio&apos;s value for {field}; it will be pushed to {connection}</source>
        <translation>mantido o valor do Lumio em {field}; será enviado para {connection}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kept Lumio&apos;s value for {field}; kept in Lumio only (the connection is pull-only)</source>
        <translation>mantido o valor do Lumio em {field}; fica só no Lumio (a conexão só traz dados)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>kept the provider&apos;s value for {field}</source>
        <translation>mantido o valor do provedor em {field}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kept the provider&apos;s value for {field}; it will be pushed to {connection}</source>
        <translation>mantido o valor do provedor em {field}; será enviado para {connection}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kept the provider&apos;s value for {field}; kept in Lumio only (the connection is pull-only)</source>
        <translation>mantido o valor do provedor em {field}; fica só no Lumio (a conexão só traz dados)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>kept a value of your own for {field}</source>
        <translation>mantido um valor seu em {field}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kept a value of your own for {field}; it will be pushed to {connection}</source>
        <translation>mantido um valor seu em {field}; será enviado para {connection}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kept a value of your own for {field}; kept in Lumio only (the connection is pull-only)</source>
        <translation>mantido um valor seu em {field}; fica só no Lumio (a conexão só traz dados)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>undone; conflict {id} is open again</source>
        <translation>desfeito; o conflito {id} está aberto de novo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>conflict {id} is {state}: there is no resolution to undo</source>
        <translation>o conflito {id} está {state}: não há resolução para desfazer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{entity} #{local_id} no longer stands on its own (deleted or merged); undo the merge first</source>
        <translation>o registro nº {local_id} ({entity}) não é mais independente (excluído ou mesclado); desfaça a mesclagem primeiro</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(deleted record)</source>
        <translation>(registro excluído)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unnamed {entity} #{id}</source>
        <translation>registro sem nome nº {id} ({entity})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field} of {entity} #{local_id} was changed after this resolution (now {said}); edit it directly instead</source>
        <translation>o campo {field} do registro nº {local_id} ({entity}) foi alterado depois desta resolução (agora {said}); edite-o diretamente</translation>
    </message>
    <message>
        <location filename="../../lumio_desktop/sync/dedupe.py" line="-6"/>
        <source>same email {email}</source>
        <translation>mesmo e-mail {email}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same domain {domain}</source>
        <translation>mesmo domínio {domain}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>similar name ({score}) and phone or company</source>
        <translation>nome semelhante ({score}) e telefone ou empresa coincidentes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>similar name ({score}) and phone or city</source>
        <translation>nome semelhante ({score}) e telefone ou cidade coincidentes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dedupe works on leads or companies, not &apos;{said}&apos;</source>
        <translation>a deduplicação funciona com leads ou empresas, não com &apos;{said}&apos;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unknown dedupe strategy &apos;{said}&apos;: use {choices}</source>
        <translation>estratégia de deduplicação desconhecida &apos;{said}&apos;: use {choices}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{entity} #{id} was already merged into {entity} #{into}</source>
        <translation>o registro nº {id} ({entity}) já foi mesclado ao registro nº {into} ({entity})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name at least one {entity} to merge into the survivor</source>
        <translation>indique pelo menos um registro ({entity}) para mesclar no sobrevivente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>there is no merge {merge_id}; list them with `lumio-sync dedupe --history`</source>
        <translation>não existe a mesclagem {merge_id}; liste as mesclagens com `lumio-sync dedupe --history`</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>merge {merge_id} was already undone</source>
        <translation>a mesclagem {merge_id} já foi desfeita</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field} of {entity} #{id} (changed since the merge)</source>
        <translation>o campo {field} do registro nº {id} ({entity}) (alterado desde a mesclagem)</translation>
    </message>
    <message>
        <location filename="../../lumio_desktop/sync/jobs.py" line="+57"/>
        <source>the Lumio database</source>
        <translation>o banco de dados do Lumio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the Lumio database {path}</source>
        <translation>o banco de dados do Lumio {path}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{db} is locked by another program (database is locked); close that program and sync again: it resumes from the last saved page</source>
        <translation>{db} está bloqueado por outro programa (database is locked); feche esse programa e sincronize de novo: a sincronização continua da última página salva</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the disk holding {db} is full (database or disk is full); free some space and sync again: it resumes from the last saved page</source>
        <translation>o disco onde está {db} está cheio (database or disk is full); libere espaço e sincronize de novo: a sincronização continua da última página salva</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>writing {db} failed (disk I/O error: the disk may be full, over a quota or a file-size limit); free some space and sync again: it resumes from the last saved page</source>
        <translation>a gravação em {db} falhou (erro de E/S de disco: o disco pode estar cheio, acima de uma cota ou de um limite de tamanho de arquivo); libere espaço e sincronize de novo: a sincronização continua da última página salva</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{db} is read-only (attempt to write a readonly database); check its permissions and sync again: it resumes from the last saved page</source>
        <translation>{db} está somente leitura (attempt to write a readonly database); verifique as permissões e sincronize de novo: a sincronização continua da última página salva</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{db} is damaged (database disk image is malformed); restore the newest backup beside it</source>
        <translation>{db} está danificado (database disk image is malformed); restaure o backup mais recente que está ao lado dele</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lumio could not open {db} (unable to open database file); check that its folder exists and is writable</source>
        <translation>o Lumio não conseguiu abrir {db} (unable to open database file); verifique se a pasta existe e permite gravação</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{db} refused a write ({said}); sync again: it resumes from the last saved page</source>
        <translation>{db} recusou uma gravação ({said}); sincronize de novo: a sincronização continua da última página salva</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{db} is locked by another program (database is locked); close that program and try again</source>
        <translation>{db} está bloqueado por outro programa (database is locked); feche esse programa e tente de novo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the disk holding {db} is full (database or disk is full); free some space and try again</source>
        <translation>o disco onde está {db} está cheio (database or disk is full); libere espaço e tente de novo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>writing {db} failed (disk I/O error: the disk may be full, over a quota or a file-size limit); free some space and try again</source>
        <translation>a gravação em {db} falhou (disk I/O error: o disco pode estar cheio, acima de uma cota ou de um limite de tamanho de arquivo); libere espaço e tente de novo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{db} is read-only (attempt to write a readonly database); check its permissions and try again</source>
        <translation>{db} está somente leitura (attempt to write a readonly database); verifique as permissões e tente de novo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{db} refused a write ({said}); try again</source>
        <translation>{db} recusou uma gravação ({said}); tente de novo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unexpected error: {said}</source>
        <translation>erro inesperado: {said}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lumio could not record this sync in its database ({said}); sync again</source>
        <translation>o Lumio não conseguiu registrar esta sincronização no banco de dados ({said}); sincronize de novo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the sync did not start: {reason}</source>
        <translation>a sincronização não começou: {reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>every page was saved, but the end of this sync was not: {reason}</source>
        <translation>todas as páginas foram salvas, mas o fim desta sincronização não foi: {reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{provider} has no object type {unknown} (it has {available})</source>
        <translation>{provider} não tem o tipo de objeto {unknown} (tem {available})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no field map for {provider} object type {objects}</source>
        <translation>não há mapeamento de campos para o tipo de objeto {objects} de {provider}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a sync of this connection is already waiting to run (job {job})</source>
        <translation>uma sincronização desta conexão já está aguardando para rodar (tarefa {job})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a sync of this connection is already running (job {job})</source>
        <translation>uma sincronização desta conexão já está em execução (tarefa {job})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>there is no connection {connection_id}</source>
        <translation>não existe a conexão {connection_id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the connection is paused; resume it to sync</source>
        <translation>a conexão está pausada; retome-a para sincronizar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled before it ran</source>
        <translation>cancelada antes de rodar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled; every page written so far is kept</source>
        <translation>cancelada; todas as páginas gravadas até aqui foram mantidas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled from the command line</source>
        <translation>cancelada pela linha de comando</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancel requested from the command line</source>
        <translation>cancelamento pedido pela linha de comando</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the app closed before this sync ran</source>
        <translation>o app foi fechado antes de esta sincronização rodar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the app closed during this sync; it resumes from its last saved page</source>
        <translation>o app foi fechado durante esta sincronização; ela continua da última página salva</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the app stopped during this sync; it resumes from its last saved page</source>
        <translation>o app parou durante esta sincronização; ela continua da última página salva</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the app stopped before this sync ran</source>
        <translation>o app parou antes de esta sincronização rodar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>another Lumio process is syncing this connection; this run was skipped</source>
        <translation>outro processo do Lumio está sincronizando esta conexão; esta execução foi pulada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the sync service is closing</source>
        <translation>o serviço de sincronização está sendo encerrado</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>another Lumio process is syncing this connection</source>
        <translation>outro processo do Lumio está sincronizando esta conexão</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>skipped: another sync of this connection was still running</source>
        <translation>pulada: outra sincronização desta conexão ainda estava em execução</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>skipped: another sync of this connection was still running (job {job})</source>
        <translation>pulada: outra sincronização desta conexão ainda estava em execução (tarefa {job})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>skipped: another sync of this connection was still running ({reason})</source>
        <translation>pulada: outra sincronização desta conexão ainda estava em execução ({reason})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{object_type}: full read</source>
        <translation>{object_type}: leitura completa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{object_type}: resumed initial read</source>
        <translation>{object_type}: leitura completa retomada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{object_type}: resumed incremental read</source>
        <translation>{object_type}: leitura incremental retomada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{object_type}: changes since the last sync</source>
        <translation>{object_type}: alterações desde a última sincronização</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{object_type}: {n} records by id</source>
        <translation>{object_type}: {n} registros por id</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{status}: {n} records, {n_rejected} rejected</source>
        <translation>{status}: {n} registros, {n_rejected} rejeitados</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{status}: {n} records, {n_rejected} rejected ({reason})</source>
        <translation>{status}: {n} registros, {n_rejected} rejeitados ({reason})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>push: {n} records ({n_values} values) written, {n_refused} refused, {n_restored} restored</source>
        <translation>envio: {n} registros ({n_values} valores) gravados, {n_refused} recusados, {n_restored} restaurados</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>push skipped: {reason}</source>
        <translation>envio pulado: {reason}</translation>
    </message>
    <message>
        <location filename="../../lumio_desktop/sync/mapping/reasons.py" line="+22"/>
        <source>{field}: required but missing</source>
        <translation>{field}: obrigatório, mas ausente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field}: {value} is not text</source>
        <translation>{field}: {value} não é texto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field}: {value} is not a whole number</source>
        <translation>{field}: {value} não é um número inteiro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field}: {value} is not a number</source>
        <translation>{field}: {value} não é um número</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field}: {value} is not a date</source>
        <translation>{field}: {value} não é uma data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field}: {value} is not true or false</source>
        <translation>{field}: {value} não é verdadeiro nem falso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field}: {value} is not a JSON object</source>
        <translation>{field}: {value} não é um objeto JSON</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field}: {value} is malformed</source>
        <translation>{field}: {value} está em um formato inválido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{field}: longer than {n} characters</source>
        <translation>{field}: mais de {n} caracteres</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{field}: {value} is not valid ({said})</source>
        <translation>{field}: {value} não é válido ({said})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not a record: the provider sent {value} instead of a JSON object</source>
        <translation>não é um registro: o provedor enviou {value} em vez de um objeto JSON</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{first}; also, in the same record: {then}</source>
        <translation>{first}; também, no mesmo registro: {then}</translation>
    </message>
    <message>
        <location filename="../../lumio_desktop/sync/providers/words.py" line="+19"/>
        <source>no access token is stored for this connection; connect it again</source>
        <translation>nenhum token de acesso está guardado para esta conexão; conecte-a de novo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unexpected HTTP {code} from {provider}: {said}</source>
        <translation>HTTP {code} inesperado de {provider}: {said}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the request to {provider} timed out ({said})</source>
        <translation>a requisição para {provider} excedeu o tempo limite ({said})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the connection to {provider} failed ({said})</source>
        <translation>a conexão com {provider} falhou ({said})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>malformed answer from {provider} to {said} (HTTP {code}, {n} bytes that are not valid JSON)</source>
        <translation>resposta malformada de {provider} para {said} (HTTP {code}, {n} bytes que não são JSON válido)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>this connection&apos;s credentials are no longer accepted by {provider} ({said}); reconnect the account</source>
        <translation>as credenciais desta conexão não são mais aceitas por {provider} ({said}); reconecte a conta</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{reason}; asked to wait {n_seconds} s, longer than a sync waits: the next sync tries again</source>
        <translation>{reason}; pediu para aguardar {n_seconds} s, mais do que uma sincronização espera: a próxima sincronização tenta de novo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{reason} (still refused after {n} waits; the next sync tries again)</source>
        <translation>{reason} (ainda recusado após {n} esperas; a próxima sincronização tenta de novo)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{reason} (gave up after {n} attempts; nothing is lost: the next sync tries again)</source>
        <translation>{reason} (desistiu após {n} tentativas; nada se perdeu: a próxima sincronização tenta de novo)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the {provider} sign-in service is unavailable: {reason}</source>
        <translation>o serviço de login de {provider} está indisponível: {reason}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the {provider} credentials cannot be renewed: {reason}; reconnect the account</source>
        <translation>as credenciais de {provider} não podem ser renovadas: {reason}; reconecte a conta</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>HubSpot&apos;s daily API limit for this account is used up; the sync can resume after midnight in the account&apos;s time zone</source>
        <translation>o limite diário da API do HubSpot para esta conta se esgotou; a sincronização pode continuar depois da meia-noite no fuso horário da conta</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Salesforce&apos;s daily API allocation is nearly used up ({n_used} of {n_max} calls in the last 24 hours); the sync stops so the org&apos;s other integrations keep working. It can resume when the rolling 24-hour window frees calls</source>
        <translation>a cota diária da API do Salesforce está quase esgotada ({n_used} de {n_max} chamadas nas últimas 24 horas); a sincronização para para que as outras integrações da org continuem funcionando. Ela pode continuar quando a janela móvel de 24 horas liberar chamadas</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>there is no object type {object} in {provider} (one of {choices})</source>
        <translation>não existe o tipo de objeto {object} em {provider} (um destes: {choices})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the {provider} connection has no base URL; connect it again</source>
        <translation>a conexão {provider} não tem URL base; conecte-a de novo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>HubSpot refused to page past its 10,000-result search cap ({said})</source>
        <translation>o HubSpot se recusou a paginar além do limite de 10.000 resultados da busca ({said})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HubSpot rejected the record: {said}</source>
        <translation>o HubSpot rejeitou o registro: {said}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HubSpot refused the request: {said}</source>
        <translation>o HubSpot recusou a requisição: {said}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HubSpot says the token expired: {said}</source>
        <translation>o HubSpot informa que o token expirou: {said}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HubSpot has not granted this app a scope it needs ({said}); reconnect and approve it</source>
        <translation>o HubSpot não concedeu a este app um escopo de que ele precisa ({said}); reconecte e aprove-o</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HubSpot refused access ({said}); reconnect the account</source>
        <translation>o HubSpot recusou o acesso ({said}); reconecte a conta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HubSpot reports a conflict: {said}</source>
        <translation>o HubSpot informa um conflito: {said}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The request to HubSpot was too long (too many properties)</source>
        <translation>A requisição ao HubSpot ficou longa demais (propriedades demais)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HubSpot&apos;s daily API limit is used up ({said}); the sync can resume tomorrow</source>
        <translation>o limite diário da API do HubSpot se esgotou ({said}); a sincronização pode continuar amanhã</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HubSpot is rate-limiting this account ({said})</source>
        <translation>o HubSpot está aplicando limite de requisições a esta conta ({said})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HubSpot could not read the access token; reconnect the account</source>
        <translation>o HubSpot não conseguiu ler o token de acesso; reconecte a conta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HubSpot is having trouble (HTTP {code}: {said})</source>
        <translation>o HubSpot está com problemas (HTTP {code}: {said})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HubSpot answered the {object} search without a results list; nothing was stored from this page and the sync can be retried</source>
        <translation>o HubSpot respondeu à busca de {object} sem uma lista de resultados; nada desta página foi gravado e a sincronização pode ser repetida</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>HubSpot answered the {object} listing without a results list; nothing was stored from this page and the sync can be retried</source>
        <translation>o HubSpot respondeu à listagem de {object} sem uma lista de resultados; nada desta página foi gravado e a sincronização pode ser repetida</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>HubSpot answered the {object} archived listing without a results list; nothing was stored from this page and the sync can be retried</source>
        <translation>o HubSpot respondeu à listagem de {object} arquivados sem uma lista de resultados; nada desta página foi gravado e a sincronização pode ser repetida</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>HubSpot answered the {object} batch read without a results list; nothing was stored from this page and the sync can be retried</source>
        <translation>o HubSpot respondeu à leitura em lote de {object} sem uma lista de resultados; nada desta página foi gravado e a sincronização pode ser repetida</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>HubSpot returned the same {object} page cursor twice; stopping to avoid a loop</source>
        <translation>o HubSpot devolveu o mesmo cursor de página de {object} duas vezes; parando para evitar um laço</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HubSpot search for {object} made no progress at {ts}; stopping to avoid a loop</source>
        <translation>a busca de {object} no HubSpot não avançou em {ts}; parando para evitar um laço</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HubSpot has no reference data {kind} (owners, pipelines)</source>
        <translation>o HubSpot não tem dados de referência {kind} (owners, pipelines)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HubSpot sent a {object} record the client cannot read ({said})</source>
        <translation>o HubSpot enviou um registro de {object} que o Lumio não consegue ler ({said})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HubSpot did not confirm the write</source>
        <translation>o HubSpot não confirmou a gravação</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the record no longer exists in HubSpot</source>
        <translation>o registro não existe mais no HubSpot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HubSpot is reachable and the token can read contacts</source>
        <translation>o HubSpot está acessível e o token pode ler contatos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HubSpot is reachable and the token can read contacts; {n} API calls left today</source>
        <translation>o HubSpot está acessível e o token pode ler contatos; restam {n} chamadas de API hoje</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Salesforce&apos;s query cursor expired</source>
        <translation>o cursor de consulta do Salesforce expirou</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Salesforce timed out running the query</source>
        <translation>o Salesforce excedeu o tempo limite ao executar a consulta</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Salesforce does not show a field this sync reads ({said}); check the user&apos;s field access</source>
        <translation>o Salesforce não mostra um campo que esta sincronização lê ({said}); verifique o acesso do usuário aos campos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Salesforce does not show an object this sync reads ({said}); check the user&apos;s access</source>
        <translation>o Salesforce não mostra um objeto que esta sincronização lê ({said}); verifique o acesso do usuário</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Salesforce refused the request: {said}</source>
        <translation>o Salesforce recusou a requisição: {said}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Salesforce says the session expired: {said}</source>
        <translation>o Salesforce informa que a sessão expirou: {said}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Salesforce&apos;s API request limit for this org is used up ({said}); the sync stops and can run again when the rolling 24-hour allocation frees calls</source>
        <translation>o limite de requisições de API do Salesforce para esta org se esgotou ({said}); a sincronização para e pode rodar de novo quando a cota móvel de 24 horas liberar chamadas</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The Salesforce org does not allow API access ({said}); an edition with API access or an admin&apos;s permission is needed</source>
        <translation>A org do Salesforce não permite acesso à API ({said}); é preciso uma edição com acesso à API ou a permissão de um administrador</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Salesforce refused access ({said}); reconnect with a user who may read these objects</source>
        <translation>o Salesforce recusou o acesso ({said}); reconecte com um usuário que possa ler estes objetos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Salesforce refused the request format (HTTP 406); retrying</source>
        <translation>o Salesforce recusou o formato da requisição (HTTP 406); tentando de novo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Salesforce is rate-limiting this org ({said})</source>
        <translation>o Salesforce está aplicando limite de requisições a esta org ({said})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Salesforce is having trouble (HTTP {code}: {said})</source>
        <translation>o Salesforce está com problemas (HTTP {code}: {said})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Salesforce sent a {object} row the client cannot read ({said})</source>
        <translation>o Salesforce enviou uma linha de {object} que o Lumio não consegue ler ({said})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Salesforce answered the {object} query without a records list; nothing was stored from this page and the sync can be retried</source>
        <translation>o Salesforce respondeu à consulta de {object} sem uma lista de registros; nada desta página foi gravado e a sincronização pode ser repetida</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Salesforce query for {object} made no progress; stopping to avoid a loop</source>
        <translation>a consulta de {object} no Salesforce não avançou; parando para evitar um laço</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Salesforce has no reference data {kind} (owners)</source>
        <translation>o Salesforce não tem dados de referência {kind} (owners)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Salesforce rejected the record: {said}</source>
        <translation>o Salesforce rejeitou o registro: {said}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Salesforce did not confirm the write</source>
        <translation>o Salesforce não confirmou a gravação</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Salesforce&apos;s daily API allocation is used up (0 of {n_max} calls left)</source>
        <translation>a cota diária da API do Salesforce se esgotou (restam 0 de {n_max} chamadas)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Salesforce is reachable; {n_left} of {n_max} API calls left in the last 24 hours</source>
        <translation>o Salesforce está acessível; restam {n_left} de {n_max} chamadas de API nas últimas 24 horas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Salesforce is reachable and the session is valid</source>
        <translation>o Salesforce está acessível e a sessão é válida</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shopify refused the request: {said}</source>
        <translation>a Shopify recusou a requisição: {said}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shopify does not accept the access token: {said}</source>
        <translation>a Shopify não aceita o token de acesso: {said}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Shopify store is frozen (payment required); the owner must settle the bill before syncing can continue</source>
        <translation>A loja Shopify está congelada (pagamento pendente); o proprietário precisa quitar a fatura para a sincronização continuar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shopify has not granted a scope this sync needs ({said}); reconnect and approve read_customers and write_customers</source>
        <translation>a Shopify não concedeu um escopo de que esta sincronização precisa ({said}); reconecte e aprove read_customers e write_customers</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shopify refused the request format (HTTP 406)</source>
        <translation>a Shopify recusou o formato da requisição (HTTP 406)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shopify is rate-limiting this app ({said})</source>
        <translation>a Shopify está aplicando limite de requisições a este app ({said})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shopify rejected the customer: {said}</source>
        <translation>a Shopify rejeitou o cliente: {said}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Shopify store is locked ({said}); try again when it is unlocked</source>
        <translation>A loja Shopify está bloqueada ({said}); tente de novo quando ela for desbloqueada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shopify is having trouble (HTTP {code}: {said})</source>
        <translation>a Shopify está com problemas (HTTP {code}: {said})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shopify answered without a {object} list; nothing was stored from this page and the sync can be retried</source>
        <translation>a Shopify respondeu sem uma lista de {object}; nada desta página foi gravado e a sincronização pode ser repetida</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shopify sent a customer the client cannot read ({said})</source>
        <translation>a Shopify enviou um cliente que o Lumio não consegue ler ({said})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shopify sent an event the client cannot read ({said})</source>
        <translation>a Shopify enviou um evento que o Lumio não consegue ler ({said})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shopify returned customers out of updated_at order; the sync stopped before storing this page so that no change is skipped</source>
        <translation>a Shopify devolveu clientes fora da ordem de updated_at; a sincronização parou antes de gravar esta página para que nenhuma alteração seja pulada</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shopify returned the same customers page link twice; stopping to avoid a loop</source>
        <translation>a Shopify devolveu o mesmo link de página de clientes duas vezes; parando para evitar um laço</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shopify returned the same events page link twice; stopping to avoid a loop</source>
        <translation>a Shopify devolveu o mesmo link de página de eventos duas vezes; parando para evitar um laço</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the customer no longer exists in Shopify</source>
        <translation>o cliente não existe mais na Shopify</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shopify did not confirm the write</source>
        <translation>a Shopify não confirmou a gravação</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shopify is reachable and the token can read customers</source>
        <translation>a Shopify está acessível e o token pode ler clientes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shopify is reachable; shop {shop}</source>
        <translation>a Shopify está acessível; loja {shop}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shopify is reachable</source>
        <translation>a Shopify está acessível</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shopify has no reference data {kind} (shop)</source>
        <translation>a Shopify não tem dados de referência {kind} (shop)</translation>
    </message>
    <message>
        <location filename="../../lumio_desktop/sync/push.py" line="+48"/>
        <source>the connection no longer exists</source>
        <translation>a conexão não existe mais</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{connection} is pull-only: Lumio&apos;s edits stay in Lumio</source>
        <translation>{connection} só traz dados: as edições do Lumio ficam no Lumio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nothing to push</source>
        <translation>nada a enviar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the provider refused the write</source>
        <translation>o provedor recusou a gravação</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the provider refused the write: {said}</source>
        <translation>o provedor recusou a gravação: {said}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>push refused for {object_type} record {external_id}: {error}</source>
        <translation>envio recusado para o registro {external_id} de {object_type}: {error}</translation>
    </message>
    <message>
        <location filename="../../lumio_desktop/sync/scheduler.py" line="+56"/>
        <source>the connection&apos;s schedule &apos;{schedule}&apos; is not valid ({said}); using &apos;{default}&apos;</source>
        <translation>o agendamento da conexão &apos;{schedule}&apos; não é válido ({said}); usando &apos;{default}&apos;</translation>
    </message>
    <message>
        <location filename="../../lumio_desktop/sync/webhooks.py" line="+55"/>
        <source>the webhook receiver cannot listen on {address} ({said}); choose another port with the webhook_port setting (0 picks a free one)</source>
        <translation>o receptor de webhooks não consegue escutar em {address} ({said}); escolha outra porta na configuração webhook_port (0 escolhe uma livre)</translation>
    </message>
</context>
<context>
    <name>health</name>
    <message>
        <location filename="../../lumio_desktop/ui/health_strings.py" line="+9"/>
        <source>1 conflict to review</source>
        <translation>1 conflito para revisar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attention</source>
        <translation>Atenção</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last sync failed</source>
        <translation>A última sincronização falhou</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needs reconnect</source>
        <translation>Precisa reconectar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needs review</source>
        <translation>Precisa de revisão</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not synced yet</source>
        <translation>Ainda não sincronizado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Out of date</source>
        <translation>Desatualizado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Records failing</source>
        <translation>Registros com falha</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retrying</source>
        <translation>Tentando de novo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync queued: waiting for the running one to finish</source>
        <translation>Sincronização na fila: aguardando a atual terminar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Synced</source>
        <translation>Sincronizado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Syncing now {pct}%</source>
        <translation>Sincronizando agora {pct}%</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Syncing now</source>
        <translation>Sincronizando agora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Syncing</source>
        <translation>Sincronizando</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting</source>
        <translation>Aguardando</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a minute ago</source>
        <translation>há um minuto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>just now</source>
        <translation>agora mesmo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>last good sync {ago}, more than twice its schedule (every {every})</source>
        <translation>última sincronização bem-sucedida {ago}, mais que o dobro da agenda (a cada {every})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>last run {status}; last good sync {ago}</source>
        <translation>última execução {status}; última sincronização bem-sucedida {ago}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>last sync completed {ago}</source>
        <translation>última sincronização concluída {ago}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>only {pct}% of records synced in recent runs (under 90%)</source>
        <translation>só {pct}% dos registros sincronizados nas execuções recentes (abaixo de 90%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>press Sync Now to fetch the records</source>
        <translation>clique em Sincronizar agora para buscar os registros</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the first sync was {status}: press Sync Now</source>
        <translation>a primeira sincronização ficou {status}: clique em Sincronizar agora</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the last sync failed</source>
        <translation>a última sincronização falhou</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the provider is busy or unreachable: retrying</source>
        <translation>o provedor está ocupado ou inacessível: tentando de novo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the provider refused Lumio&apos;s credentials</source>
        <translation>o provedor recusou as credenciais do Lumio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} conflicts to review</source>
        <translation>{n} conflitos para revisar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} days ago</source>
        <translation>há {n} dias</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} h ago</source>
        <translation>há {n} h</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} h</source>
        <translation>{n} h</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} min ago</source>
        <translation>há {n} min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{why}. Reconnect to resume.</source>
        <translation>{why}. Reconecte para retomar.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{why} Reconnect to resume.</source>
        <translation>{why} Reconecte para retomar.</translation>
    </message>
</context>
<context>
    <name>time</name>
    <message>
        <location filename="../../lumio_desktop/ui/theme.py" line="+35"/>
        <source>yesterday {time}</source>
        <translation>ontem {time}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>a few seconds</source>
        <translation>alguns segundos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 min</source>
        <translation>1 min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} h</source>
        <translation>{n} h</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} days</source>
        <translation>{n} dias</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>in {words}</source>
        <translation>em {words}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{words} ago</source>
        <translation>há {words}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{s} s</source>
        <translation>{s} s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{m} min {s} s</source>
        <translation>{m} min {s} s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{h} h {m} min</source>
        <translation>{h} h {m} min</translation>
    </message>
</context>
<context>
    <name>words</name>
    <message>
        <location filename="../../lumio_desktop/ui/words.py" line="+9"/>
        <source>queued</source>
        <translation>na fila</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>running</source>
        <translation>em execução</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>completed</source>
        <translation>concluída</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>failed</source>
        <translation>com falha</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>cancelada</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>interrupted</source>
        <translation>interrompida</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>skipped</source>
        <translation>ignorada</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>initial</source>
        <translation>inicial</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>incremental</source>
        <translation>incremental</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>manual</source>
        <translation>manual</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+5"/>
        <source>webhook</source>
        <translation>webhook</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>push</source>
        <translation>de envio</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+70"/>
        <source>you</source>
        <translation>você</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>schedule</source>
        <translation>agenda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>command line</source>
        <translation>linha de comando</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>start-up</source>
        <translation>inicialização</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>First name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last name</source>
        <translation>Sobrenome</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Phone</source>
        <translation>Telefone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Company</source>
        <translation>Empresa</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Job title</source>
        <translation>Cargo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Source</source>
        <translation>Origem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Score</source>
        <translation>Pontuação</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owner</source>
        <translation>Responsável</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>City</source>
        <translation>Cidade</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Domain</source>
        <translation>Domínio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Industry</source>
        <translation>Setor</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Website</source>
        <translation>Site</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Employees</source>
        <translation>Funcionários</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Revenue</source>
        <translation>Receita</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>Valor</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Currency</source>
        <translation>Moeda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stage</source>
        <translation>Etapa</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pipeline</source>
        <translation>Funil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close date</source>
        <translation>Data de fechamento</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Probability</source>
        <translation>Probabilidade</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>Atualizado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accepts marketing</source>
        <translation>Aceita marketing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total spent</source>
        <translation>Total gasto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Orders</source>
        <translation>Pedidos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Company record</source>
        <translation>Registro da empresa</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Lead record</source>
        <translation>Registro do lead</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merged into</source>
        <translation>Mesclado em</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Provider id</source>
        <translation>ID no provedor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted in the provider</source>
        <translation>Excluído no provedor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Provider properties</source>
        <translation>Propriedades no provedor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Default address</source>
        <translation>Endereço padrão</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>open</source>
        <translation>aberto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>resolved</source>
        <translation>resolvido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>settled by the strategy</source>
        <translation>resolvido pela estratégia</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>undone</source>
        <translation>desfeito</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lumio&apos;s value</source>
        <translation>o valor do Lumio</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the provider&apos;s value</source>
        <translation>o valor do provedor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a typed value</source>
        <translation>um valor digitado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the same value</source>
        <translation>o mesmo valor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DEBUG</source>
        <translation>DEPURAÇÃO</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>INFO</source>
        <translation>INFO</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>WARNING</source>
        <translation>AVISO</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ERROR</source>
        <translation>ERRO</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lead</source>
        <translation>lead</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>company</source>
        <translation>empresa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>deal</source>
        <translation>negócio</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>conflict resolved</source>
        <translation>conflito resolvido</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>undo</source>
        <translation>desfeito</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>merge {id}</source>
        <translation>mesclagem {id}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>merge {id} undone</source>
        <translation>mesclagem {id} desfeita</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sync from {connection}</source>
        <translation>sincronização de {connection}</translation>
    </message>
</context>
</TS>
