<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>AccountPage</name>
    <message>
        <location filename="../../lumio_desktop/ui/wizard.py" line="+255"/>
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
        <location line="+21"/>
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
        <location line="+19"/>
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
        <location filename="../../lumio_desktop/ui/controller.py" line="+101"/>
        <source>Reading records</source>
        <translation>Lendo os registros</translation>
    </message>
    <message>
        <location line="+32"/>
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
        <location line="+13"/>
        <source>The record was not saved</source>
        <translation>O registro não foi salvo</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved {n} change(s); pushed on the next sync where the connection allows it</source>
        <translation>{n} alteração(ões) salva(s); enviada(s) na próxima sincronização, onde a conexão permitir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing changed</source>
        <translation>Nada mudou</translation>
    </message>
    <message>
        <location line="+5"/>
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
        <location line="+4"/>
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
</context>
<context>
    <name>AuthPage</name>
    <message>
        <location filename="../../lumio_desktop/ui/wizard.py" line="-165"/>
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
        <location line="+36"/>
        <source>If no browser opened, visit: {url}</source>
        <translation>Se nenhum navegador abriu, acesse: {url}</translation>
    </message>
    <message>
        <location line="+7"/>
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
        <location filename="../../lumio_desktop/ui/pages/dashboard.py" line="+305"/>
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
        <location filename="../../lumio_desktop/ui/pages/conflicts.py" line="+49"/>
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
        <location line="+37"/>
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
        <location line="+194"/>
        <location line="+7"/>
        <source>Apply</source>
        <translation>Aplicar</translation>
    </message>
    <message>
        <location line="-199"/>
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
        <location line="+9"/>
        <source>you</source>
        <translation>você</translation>
    </message>
    <message>
        <location line="+32"/>
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
        <location filename="../../lumio_desktop/ui/connect.py" line="+168"/>
        <source>The sync engine is not running in this window; the first sync starts with the app.</source>
        <translation>O mecanismo de sincronização não está em execução nesta janela; a primeira sincronização começa junto com o app.</translation>
    </message>
</context>
<context>
    <name>ConnectionCard</name>
    <message>
        <location filename="../../lumio_desktop/ui/pages/dashboard.py" line="-207"/>
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
        <translation>(+{n} outros)</translation>
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
        <location line="+8"/>
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
        <location filename="../../lumio_desktop/ui/wizard.py" line="+175"/>
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
        <location filename="../../lumio_desktop/ui/pages/dashboard.py" line="-178"/>
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
        <location line="+382"/>
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
        <location filename="../../lumio_desktop/ui/pages/duplicates.py" line="+33"/>
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
        <location filename="../../lumio_desktop/ui/pages/dashboard.py" line="-121"/>
        <source>1 record rejected</source>
        <translation>1 registro rejeitado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{n} records rejected</source>
        <translation>{n} registros rejeitados</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location line="+39"/>
        <source>Double-click (or Enter) to open this job</source>
        <translation>Clique duas vezes (ou Enter) para abrir esta tarefa</translation>
    </message>
</context>
<context>
    <name>FirstSyncPage</name>
    <message>
        <location filename="../../lumio_desktop/ui/wizard.py" line="-68"/>
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
        <location filename="../../lumio_desktop/ui/pages/jobs.py" line="+35"/>
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
        <location line="+207"/>
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
        <location line="+81"/>
        <source>All</source>
        <translation>Todos</translation>
    </message>
    <message>
        <location line="-77"/>
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
        <location line="+21"/>
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
        <location line="+3"/>
        <source>(no log lines)</source>
        <translation>(nenhuma linha de log)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rejected records ({n})</source>
        <translation>Registros rejeitados ({n})</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../lumio_desktop/ui/main_window.py" line="+32"/>
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
        <location line="+41"/>
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
        <location line="+267"/>
        <source>About Lumio Desktop</source>
        <translation>Sobre o Lumio Desktop</translation>
    </message>
    <message>
        <location line="-132"/>
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
        <location line="+21"/>
        <source>Last alert {at}: {message}</source>
        <translation>Último alerta {at}: {message}</translation>
    </message>
    <message>
        <location line="+35"/>
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
        <location line="-269"/>
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
        <location line="+8"/>
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
        <location line="-117"/>
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
        <location line="+246"/>
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
        <location line="+40"/>
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
        <location filename="../../lumio_desktop/ui/pages/jobs.py" line="-200"/>
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
        <location line="+6"/>
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
        <location line="+52"/>
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
        <location filename="../../lumio_desktop/ui/pages/welcome.py" line="+39"/>
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
    <name>health</name>
    <message>
        <location filename="../../lumio_desktop/ui/health_strings.py" line="+11"/>
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
</context>
<context>
    <name>time</name>
    <message>
        <location filename="../../lumio_desktop/ui/theme.py" line="+98"/>
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
        <source>you</source>
        <translation>você</translation>
    </message>
    <message>
        <location line="+0"/>
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
        <location line="+2"/>
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
</context>
</TS>
